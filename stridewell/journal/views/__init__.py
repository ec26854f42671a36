"""Journal pages. Thin: selectors read, services write, templates present."""
