"""/robots.txt and /sitemap.xml. They belong at the site root, so config/urls.py routes them
here directly (they are not under /journal/)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from stridewell.journal.sitemaps import SITEMAPS

# Private or pointless for search engines. Search result pages are not listed: they carry
# <meta name="robots" content="noindex"> instead, which works even when someone links them.
ROBOTS_DISALLOW = (
    "/admin/",
    "/accounts/",
    "/api/",
    "/journal/moderation/",
    "/journal/comments/",
)


@require_GET
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=60 * 60)
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    # django.contrib.sitemaps is not an installed app (no templates from it); the view works
    # without it when given the sections and our own copy of the template.
    return sitemap(request, sitemaps=SITEMAPS, template_name="journal/sitemap.xml")
