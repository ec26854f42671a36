"""The project's URLs plus the two root lines the journal asks the lead to add to
config/urls.py (`/robots.txt` and `/sitemap.xml`). Once they are there, this adds nothing."""

from __future__ import annotations

from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from stridewell.journal.views import discovery as journal_discovery


def _has_root(route: str) -> bool:
    return any(str(getattr(p, "pattern", "")) == route for p in project_urlpatterns)


urlpatterns = list(project_urlpatterns)
if not _has_root("robots.txt"):
    urlpatterns.append(path("robots.txt", journal_discovery.robots_txt, name="robots_txt"))
if not _has_root("sitemap.xml"):
    urlpatterns.append(path("sitemap.xml", journal_discovery.sitemap_xml, name="sitemap"))
