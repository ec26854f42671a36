"""The django-ninja API, assembled from each app's router. One error shape everywhere."""

from __future__ import annotations

from ninja import NinjaAPI

from stridewell.api.errors import install_error_handlers
from stridewell.api.openapi import responses_complete

api = NinjaAPI(
    title="Stridewell API",
    version="1",
    description=(
        "Stridewell: clinic information, accounts, training, outcome measures, marathon plans, "
        "booking, journal, newsletter and enquiries."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

from stridewell.accounts.api import router as accounts_router  # noqa: E402
from stridewell.booking.api import router as booking_router  # noqa: E402
from stridewell.clinic.api import router as clinic_router  # noqa: E402
from stridewell.enquiries.api import router as enquiries_router  # noqa: E402
from stridewell.journal.api import router as journal_router  # noqa: E402
from stridewell.newsletter.api import router as newsletter_router  # noqa: E402
from stridewell.outcomes.api import router as outcomes_router  # noqa: E402
from stridewell.planner.api import router as planner_router  # noqa: E402
from stridewell.training.api import router as training_router  # noqa: E402

api.add_router("/auth", accounts_router)
api.add_router("/clinic", clinic_router)
api.add_router("/training", training_router)
api.add_router("/outcomes", outcomes_router)
api.add_router("/plan", planner_router)
api.add_router("/booking", booking_router)
api.add_router("/journal", journal_router)
api.add_router("/newsletter", newsletter_router)
api.add_router("/enquiries", enquiries_router)
responses_complete(api)
