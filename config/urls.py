from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from stridewell.api.api import api
from stridewell.core import views as core_views
from stridewell.journal.views import discovery as journal_discovery

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", journal_discovery.robots_txt, name="robots_txt"),
    path("sitemap.xml", journal_discovery.sitemap_xml, name="sitemap"),
    path("accounts/my-data/", core_views.my_data_download, name="my_data"),
    path("accounts/", include("stridewell.accounts.urls")),
    path("clinic/", include("stridewell.clinic.urls")),
    path("training/", include("stridewell.training.urls")),
    path("outcomes/", include("stridewell.outcomes.urls")),
    path("plan/", include("stridewell.planner.urls")),
    path("booking/", include("stridewell.booking.urls")),
    path("journal/", include("stridewell.journal.urls")),
    path("newsletter/", include("stridewell.newsletter.urls")),
    path("advice/", include("stridewell.enquiries.urls")),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", core_views.api_not_found, name="api_not_found"),
    path("admin/", admin.site.urls),
]

handler400 = "stridewell.core.views.bad_request"
handler404 = "stridewell.core.views.page_not_found"
handler500 = "stridewell.core.views.server_error"

if settings.DEBUG:
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
