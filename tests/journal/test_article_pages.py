"""Reader pages: the list with pagination, tag pages, and everything on the article page."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from stridewell.journal.models import Article
from stridewell.journal.views.context import article_context

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(
        r'class="article-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_the_list_shows_published_articles_newest_first_ten_per_page(client, make_article):
    now = timezone.now()
    for n in range(12):
        make_article(f"Piece {n:02d}", publish_at=now - timedelta(days=n + 1))

    first = client.get("/journal/")
    second = client.get("/journal/?page=2")

    assert first.status_code == 200
    assert titles(first) == [f"Piece {n:02d}" for n in range(10)]
    assert titles(second) == ["Piece 10", "Piece 11"]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert 'rel="prev" href="?"' in second.content.decode()
    assert '<link rel="canonical" href="https://stridewell.test/journal/?page=2">' in (
        second.content.decode()
    )


@pytest.mark.parametrize("page", ["3", "0", "abc"])
def test_a_page_that_does_not_exist_is_not_found(client, make_article, page):
    make_article()

    assert client.get(f"/journal/?page={page}").status_code == 404


def test_an_empty_journal_still_has_a_first_page(client, db):
    response = client.get("/journal/")

    assert response.status_code == 200
    assert "No articles yet" in response.content.decode()


def test_tag_pages_list_only_that_tags_published_articles(client, make_article):
    make_article("Hamstring care", tags=["Tendons"])
    make_article("Ski legs", tags=["Skiing"])
    make_article("Draft tendon", tags=["Tendons"], status=Article.Status.DRAFT, publish_at=None)

    response = client.get("/journal/tags/tendons/")

    assert titles(response) == ["Hamstring care"]
    assert "Articles about Tendons" in response.content.decode()
    assert client.get("/journal/tags/nothing-here/").status_code == 404


def test_the_topic_list_counts_published_articles_only(client, make_article):
    make_article(tags=["Tendons"])
    make_article(tags=["Tendons"], publish_at=timezone.now() + timedelta(days=2))

    html = client.get("/journal/").content.decode()

    assert re.search(r'href="/journal/tags/tendons/">Tendons <span class="tag__count">\(1\)', html)


def test_the_article_page_shows_the_body_author_and_reading_time(client, article):
    html = client.get("/journal/gluteus-medius/").content.decode()

    assert (
        '<h1 id="article-title" class="article__title">Why the gluteus medius matters</h1>' in html
    )
    assert "<h2>The muscle</h2>\n<p>It keeps the <strong>pelvis</strong> level.</p>" in html
    assert "1 min read" in html
    assert (
        '<p class="author-box__name"><strong>Callum Reid</strong>, Sports Physiotherapist</p>'
        in html
    )
    assert "<p>He races cross-country.</p>" in html


def test_the_article_page_leads_to_booking_and_advice(client, article):
    html = client.get("/journal/gluteus-medius/").content.decode()

    assert 'href="/booking/" data-testid="cta-book">Book a screening</a>' in html
    assert 'href="/advice/" data-testid="cta-advice">E-mail us for advice</a>' in html


def test_share_links_open_share_pages_with_the_canonical_address(client, article):
    html = client.get("/journal/gluteus-medius/").content.decode()
    encoded = "https%3A%2F%2Fstridewell.test%2Fjournal%2Fgluteus-medius%2F"

    for start in (
        "mailto:?subject=",
        "https://wa.me/?text=",
        "https://x.com/intent/post?",
        "https://www.facebook.com/sharer/sharer.php?u=",
        "https://www.linkedin.com/sharing/share-offsite/?url=",
    ):
        assert re.search(rf'href="{re.escape(start)}[^"]*{encoded}', html), start
    assert "<script src=" not in html.split("</head>")[1]  # no third-party share scripts


def test_canonical_open_graph_and_twitter_meta_describe_the_article(client, make_article):
    make_article(
        "Ski legs",
        slug="ski-legs",
        excerpt="Six weeks to get ready.",
        hero_illustration="journal/illustrations/ski-slope.svg",
        hero_alt="A skier on a slope",
        tags=["Skiing"],
    )
    html = client.get("/journal/ski-legs/").content.decode()
    head = html.split("</head>")[0]

    image = "https://stridewell.test/static/journal/illustrations/ski-slope.svg"
    for tag in (
        '<link rel="canonical" href="https://stridewell.test/journal/ski-legs/">',
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Ski legs">',
        '<meta property="og:description" content="Six weeks to get ready.">',
        '<meta property="og:url" content="https://stridewell.test/journal/ski-legs/">',
        f'<meta property="og:image" content="{image}">',
        '<meta property="og:image:alt" content="A skier on a slope">',
        '<meta property="article:tag" content="Skiing">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:image" content="{image}">',
    ):
        assert tag in head, tag
    assert '<img src="/static/journal/illustrations/ski-slope.svg" alt="A skier on a slope"' in html


def test_without_a_picture_the_twitter_card_is_a_summary(client, article):
    head = client.get("/journal/gluteus-medius/").content.decode().split("</head>")[0]

    assert '<meta name="twitter:card" content="summary">' in head
    assert "og:image" not in head


def test_structured_data_is_valid_json_that_cannot_break_out_of_its_script(client, make_article):
    make_article("Hips </script><script>alert(1)</script> & knees", slug="hips")
    html = client.get("/journal/hips/").content.decode()

    (payload,) = re.findall(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    assert "<" not in payload  # so no "</script>" either
    data = json.loads(payload)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Hips </script><script>alert(1)</script> & knees"
    assert data["author"]["name"] == "Callum Reid"


def test_exercise_names_link_to_the_exercise_library(client, make_article, monkeypatch):
    monkeypatch.setattr(
        "stridewell.journal.selectors.exercises.exercise_targets",
        lambda: [
            ("Banded clam", "/training/exercises/banded-clam/"),
            ("Clam", "/training/exercises/clam/"),
        ],
    )
    make_article(slug="clams", body="## Clam\n\nStart with the clam, then the banded clam.")

    html = client.get("/journal/clams/").content.decode()

    assert "<h2>Clam</h2>" in html
    assert (
        'Start with the <a class="exercise-link" href="/training/exercises/clam/">clam</a>, '
        'then the <a class="exercise-link" href="/training/exercises/banded-clam/">banded clam</a>.'
    ) in html


def test_related_reading_is_offered_with_read_more_links(client, make_article, article):
    make_article("Side steps for hips", slug="side-steps", tags=["Hip"])

    html = client.get("/journal/gluteus-medius/").content.decode()

    related = html.split('data-testid="related"')[1].split("</section>")[0]
    assert '<h2 id="related-heading">Read more</h2>' in related
    assert '<a href="/journal/side-steps/">Side steps for hips</a>' in related


def test_the_article_template_leaves_a_slot_for_the_newsletter_sign_up(rf, article):
    request = RequestFactory().get("/journal/gluteus-medius/")
    request.user = type("Anon", (), {"is_authenticated": False})()
    template = Template(
        '{% extends "journal/article_detail.html" %}'
        "{% block article_newsletter %}<p>NEWSLETTER FORM</p>{% endblock %}"
    )
    context = article_context(request, article=article) | {"request": request, "csp_nonce": "n"}

    html = template.render(Context(context))

    assert "<p>NEWSLETTER FORM</p>" in html
    assert html.index("NEWSLETTER FORM") > html.index('id="author"')


def test_article_and_tag_addresses_match_django_reverse_under_any_script_prefix(article):
    from django.urls import reverse, set_script_prefix

    tag = article.tags.get(slug="hip")
    try:
        for prefix in ("/", "/stridewell/"):
            set_script_prefix(prefix)
            assert article.get_absolute_url() == reverse(
                "journal:article", kwargs={"slug": "gluteus-medius"}
            )
            assert tag.get_absolute_url() == reverse("journal:tag", kwargs={"slug": "hip"})
        assert article.get_absolute_url() == "/stridewell/journal/gluteus-medius/"
    finally:
        set_script_prefix("/")
