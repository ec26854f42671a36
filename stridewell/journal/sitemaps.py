"""sitemap.xml sections. Addresses use SITE_URL, like the pages' canonical links.

`SITEMAPS` is what /sitemap.xml serves; other apps can add their own sections to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from stridewell.journal.models import Article, Tag
from stridewell.journal.selectors.articles import article_list_published, tag_list_in_use


class SiteUrlSitemap(Sitemap):
    """Scheme and host from SITE_URL rather than from the request (or django.contrib.sites)."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self) -> list[Article]:
        return list(article_list_published())

    def lastmod(self, item: Article) -> datetime | None:
        return item.updated_at or item.publish_at


class JournalPagesSitemap(SiteUrlSitemap):
    """The journal's front page and its tag pages."""

    changefreq = "weekly"
    priority = 0.5

    def items(self) -> list[str | Tag]:
        return ["journal:index", *tag_list_in_use()]

    def location(self, item: str | Tag) -> str:
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item: str | Tag) -> datetime | None:
        articles = Article.objects.published()
        if isinstance(item, Tag):
            articles = articles.filter(tags=item)
        return articles.aggregate(latest=Max("publish_at"))["latest"]


class SitePagesSitemap(SiteUrlSitemap):
    """Public pages that exist on every install (other apps add their own sections)."""

    changefreq = "monthly"
    priority = 0.8

    def items(self) -> list[str]:
        return ["home", "clinic:visit"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": SitePagesSitemap,
    "journal": JournalPagesSitemap,
    "articles": ArticleSitemap,
}
