"""Training admin. Library models are registered by `admin_library`; the runner half's
admin module is imported here too once it exists."""

from stridewell.training import admin_library, admin_runner  # noqa: F401
