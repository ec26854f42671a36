"""The django-ninja API, assembled from each app's router. One error shape everywhere."""

from __future__ import annotations

from ninja import NinjaAPI

from stridewell.api.errors import install_error_handlers

api = NinjaAPI(
    title="Stridewell API",
    version="1",
    description="Clinic information, accounts and (later) training, booking and planning.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

from stridewell.accounts.api import router as accounts_router  # noqa: E402
from stridewell.clinic.api import router as clinic_router  # noqa: E402

api.add_router("/auth", accounts_router)
api.add_router("/clinic", clinic_router)
