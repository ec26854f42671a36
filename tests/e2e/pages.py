"""Small steps shared by the browser tests."""

from __future__ import annotations

import re
from typing import Any


def log_in(page: Any, base: str, email: str, password: str) -> None:
    """Log in through the real form, as a person would, and wait for the next page."""
    page.goto(base + "/accounts/login/")
    main = page.locator("main")
    main.get_by_label(re.compile(r"^E-mail", re.IGNORECASE)).fill(email)
    main.get_by_label(re.compile(r"^Password", re.IGNORECASE)).fill(password)
    main.get_by_role("button", name=re.compile(r"^Log in$", re.IGNORECASE)).click()
    page.wait_for_load_state()
