"""pytest plugin (loaded with `-p config.testing` before pytest-django reads settings).

It marks the process as a test run, which relaxes the production-only start-up checks
(SECRET_KEY, ALLOWED_HOSTS) and selects the fast password hasher and immediate tasks.
"""

import os

os.environ.setdefault("STRIDEWELL_TESTING", "1")
# Playwright's sync API keeps an event loop running in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
