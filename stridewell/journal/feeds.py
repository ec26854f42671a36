"""RSS 2.0 and Atom feeds of the newest published articles."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from stridewell.journal.models import Article
from stridewell.journal.selectors.articles import article_list_published
from stridewell.journal.views.seo import absolute_url

FEED_SIZE = 20


class LatestArticlesRss(Feed):
    title = "Stridewell journal"
    description = (
        "Articles from the physiotherapists at Stridewell: strength, injuries and training "
        "for runners."
    )
    feed_url_name = "journal:feed_rss"

    def link(self) -> str:
        return absolute_url(reverse("journal:index"))

    def feed_url(self) -> str:
        return absolute_url(reverse(self.feed_url_name))

    def items(self) -> QuerySet[Article]:
        return article_list_published()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.excerpt

    def item_link(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Article) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.author.display_name

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed
    feed_url_name = "journal:feed_atom"
    subtitle = LatestArticlesRss.description
