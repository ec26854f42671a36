"""Feeds, sitemap.xml and robots.txt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def two_articles(make_article):
    now = timezone.now()
    older = make_article("Older", slug="older", publish_at=now - timedelta(days=5), tags=["Hip"])
    newer = make_article("Newer & better", slug="newer", publish_at=now - timedelta(days=1))
    return older, newer


def test_the_rss_feed_lists_articles_newest_first_with_absolute_links(client, two_articles):
    response = client.get("/journal/feed/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Newer & better", "Older"]
    assert [i.findtext("link") for i in items] == [
        "https://stridewell.test/journal/newer/",
        "https://stridewell.test/journal/older/",
    ]
    assert items[1].findtext("description") == "Summary of Older."
    assert [c.text for c in items[1].findall("category")] == ["Hip"]
    assert channel.findtext("link") == "https://stridewell.test/journal/"


def test_the_atom_feed_has_entries_with_authors_and_dates(client, two_articles):
    response = client.get("/journal/feed/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newer & better", "Older"]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Callum Reid"
    assert entries[0].findtext(f"{ATOM}published")
    assert entries[0].findtext(f"{ATOM}updated")


def test_the_sitemap_lists_pages_the_journal_tags_and_articles(client, two_articles):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urls = ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")
    locations = [u.findtext(f"{SITEMAP}loc") for u in urls]
    assert locations == [
        "https://stridewell.test/",
        "https://stridewell.test/clinic/",
        "https://stridewell.test/journal/",
        "https://stridewell.test/journal/tags/hip/",
        "https://stridewell.test/journal/newer/",
        "https://stridewell.test/journal/older/",
    ]
    article = urls[4]
    assert article.findtext(f"{SITEMAP}lastmod")


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/accounts/", "/api/", "/journal/moderation/", "/journal/comments/"):
        assert f"Disallow: {path}" in lines
    assert lines[-1] == "Sitemap: https://stridewell.test/sitemap.xml"
    assert "max-age=3600" in response["Cache-Control"]
