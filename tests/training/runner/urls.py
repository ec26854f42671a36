"""The project's URLs with the runner pages and API mounted, whether or not the lead has wired
them into `stridewell.training.urls` / `stridewell.training.api` yet.

Pages: the training namespace is rebuilt from the library's patterns plus `urls_runner`.
API: a copy of the project API with the error handlers and `runner_router` at /api/training,
placed before the project API so its routes win (the ninja router can be mounted twice).
"""

from __future__ import annotations

from django.urls import include, path
from ninja import NinjaAPI

from config import urls as project
from stridewell.api.errors import install_error_handlers
from stridewell.training import urls as training_urls
from stridewell.training import urls_runner
from stridewell.training.api_runner import runner_router

api = NinjaAPI(title="Training runner API (tests)", urls_namespace="runner-test-api", docs_url=None)
install_error_handlers(api)
api.add_router("/training", runner_router)

_library = [p for p in training_urls.urlpatterns if p not in urls_runner.urlpatterns]
_others = [p for p in project.urlpatterns if str(p.pattern) != "training/"]

urlpatterns = [
    path("api/", api.urls),
    path("training/", include(([*_library, *urls_runner.urlpatterns], "training"))),
    *_others,
]

handler404 = project.handler404
handler500 = project.handler500
