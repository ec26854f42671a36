"""Demo journal: three original articles with comments, and running it again changes nothing."""

from __future__ import annotations

import pytest

from stridewell.accounts.demo import seed_accounts_demo
from stridewell.accounts.models import PractitionerProfile
from stridewell.journal.demo import seed_journal_demo
from stridewell.journal.models import Article, Comment, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors() -> list[PractitionerProfile]:
    seed_accounts_demo()
    return list(PractitionerProfile.objects.all())


def snapshot():
    return (
        sorted(Article.objects.values_list("slug", "updated_at", "body_html", "author__slug")),
        sorted(Comment.objects.values_list("article__slug", "author_name", "status", "created_at")),
        sorted(Tag.objects.values_list("slug", flat=True)),
    )


def test_three_published_articles_by_the_matching_practitioners(authors):
    articles = seed_journal_demo(authors=authors)

    assert [(a.slug, a.author.slug) for a in articles] == [
        ("gluteus-medius-marathon-runners", "callum-reid"),
        ("hamstring-tendinopathy-warning-signs", "sofia-lindqvist"),
        ("getting-fit-for-skiing", "priya-raman"),
    ]
    assert all(a.is_visible() for a in articles)
    assert all(a.hero_alt and a.hero_url.endswith(".svg") for a in articles)
    assert not any(a.was_updated for a in articles)


def test_the_gluteus_medius_article_climbs_the_ladder_in_order(authors):
    article = seed_journal_demo(authors=authors)[0]
    text = article.body_html

    ladder = [
        "Clam.",
        "Banded clam.",
        "Banded side steps.",
        "Banded squats.",
        "Banded leg press.",
        "Banded single-leg squat.",
        "Single-leg press.",
        "Split squats.",
        "Step-ups.",
    ]
    positions = [text.index(f"<strong>{rung}</strong>") for rung in ladder]
    assert positions == sorted(positions)
    assert "Only once you can do banded squats <em>holding weights</em> with good" in text
    assert "holds the left side of your\npelvis up" in text
    assert "Hip and knee collapse inwards together" in text


def test_the_other_articles_cover_warning_signs_and_ski_fitness(authors):
    _, hamstring, ski = seed_journal_demo(authors=authors)

    assert "<h2>Warning signs</h2>" in hamstring.body_html
    assert "<h2>When to be seen quickly</h2>" in hamstring.body_html
    assert "<table>" in ski.body_html


def test_comments_include_a_clinic_reply_and_one_waiting(authors):
    seed_journal_demo(authors=authors)

    assert Comment.objects.filter(status="approved").count() == 4
    assert Comment.objects.filter(status="pending").count() == 1
    reply = Comment.objects.get(is_clinic_reply=True)
    assert reply.parent.author_name == "Dev"
    assert reply.depth == 1


def test_running_the_demo_twice_changes_nothing(authors):
    seed_journal_demo(authors=authors)
    before = snapshot()

    seed_journal_demo(authors=authors)

    assert snapshot() == before


def test_staff_edits_survive_a_second_run(authors):
    seed_journal_demo(authors=authors)
    Article.objects.filter(slug="getting-fit-for-skiing").update(title="Edited by staff")

    seed_journal_demo(authors=authors)

    assert Article.objects.get(slug="getting-fit-for-skiing").title == "Edited by staff"


def test_with_a_single_author_every_article_still_has_one(make_user, author):
    articles = seed_journal_demo(authors=[author])

    assert {a.author for a in articles} == {author}


def test_demo_articles_render_and_hide_commenters_addresses(client, authors):
    seed_journal_demo(authors=authors)

    for slug in ("gluteus-medius-marathon-runners", "hamstring-tendinopathy-warning-signs"):
        html = client.get(f"/journal/{slug}/").content.decode()
        assert "@example.com" not in html
    glute = client.get("/journal/gluteus-medius-marathon-runners/").content.decode()
    assert 'Comments <span class="comments__count">(3)</span>' in glute
