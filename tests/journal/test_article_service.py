"""`article_save`: renders and sanitises on save, keeps `updated_at` honest, refuses bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from stridewell.journal.models import Article
from stridewell.journal.services import article_save, tag_get_or_create

pytestmark = pytest.mark.django_db


def new_article(author, **fields) -> Article:
    values = {
        "title": "Hip strength",
        "slug": "hip-strength",
        "excerpt": "Why the hip matters.",
        "body": "Text.",
        "status": Article.Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=1),
        "author": author,
    }
    return Article(**(values | fields))


def test_saving_renders_the_markdown_and_the_reading_time(author):
    article = article_save(article=new_article(author, body="## Why\n\n" + "word " * 450))

    stored = Article.objects.get(pk=article.pk)
    assert stored.body_html.startswith("<h2>Why</h2>\n<p>word word")
    assert stored.reading_minutes == 3


def test_html_stored_by_any_other_path_is_replaced_on_the_next_save(author):
    article = article_save(article=new_article(author, body="Safe text."))
    Article.objects.filter(pk=article.pk).update(body_html="<script>alert(1)</script>")
    article.refresh_from_db()

    article_save(article=article)

    assert Article.objects.get(pk=article.pk).body_html == "<p>Safe text.</p>\n"


def test_updated_at_moves_only_when_the_words_change(author):
    first_edit = timezone.now() - timedelta(days=3)
    article = article_save(article=new_article(author), edited_at=first_edit)
    assert article.updated_at == first_edit

    article.comments_open = False
    article_save(article=article)
    assert Article.objects.get(pk=article.pk).updated_at == first_edit

    article.body = "Better text."
    article_save(article=article)
    assert Article.objects.get(pk=article.pk).updated_at > first_edit


def test_the_summary_is_tidied_and_limited_to_300_characters(author):
    with pytest.raises(ValidationError) as raised:
        article_save(article=new_article(author, excerpt="x" * 301))

    assert raised.value.message_dict == {
        "excerpt": ["Keep the summary to 300 characters; it has 301."]
    }
    assert not Article.objects.exists()
    article = article_save(article=new_article(author, excerpt="  One\n two  "))
    assert article.excerpt == "One two"


def test_a_picture_without_a_description_is_refused(author):
    article = new_article(author, hero_illustration="journal/illustrations/hamstring.svg")

    with pytest.raises(ValidationError) as raised:
        article_save(article=article)

    assert raised.value.message_dict["hero_alt"] == [
        "Describe the picture for readers who cannot see it."
    ]
    assert not Article.objects.exists()


def test_the_database_also_refuses_a_picture_without_a_description(author):
    article = article_save(article=new_article(author))

    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(
            hero_illustration="journal/illustrations/hamstring.svg"
        )


def test_publishing_needs_a_publication_time(author):
    with pytest.raises(ValidationError) as raised:
        article_save(article=new_article(author, publish_at=None))

    assert "publish_at" in raised.value.message_dict
    assert not Article.objects.exists()


def test_a_draft_needs_no_publication_time(author):
    article = article_save(
        article=new_article(author, status=Article.Status.DRAFT, publish_at=None)
    )

    assert article.is_visible() is False


@pytest.mark.parametrize("slug", ["search", "tags", "feed", "moderation", "comments"])
def test_slugs_used_by_journal_pages_are_refused(author, slug):
    with pytest.raises(ValidationError) as raised:
        article_save(article=new_article(author, slug=slug))

    assert "slug" in raised.value.message_dict
    assert not Article.objects.exists()


def test_tags_are_set_and_reused_by_slug(author):
    strength = tag_get_or_create(name="Strength")
    article = article_save(
        article=new_article(author), tags=[strength, tag_get_or_create(name="Hip  and knee")]
    )

    assert tag_get_or_create(name="strength") == strength
    assert sorted(t.slug for t in article.tags.all()) == ["hip-and-knee", "strength"]


def test_a_tag_needs_a_letter_or_digit():
    with pytest.raises(ValidationError):
        tag_get_or_create(name="!!!")


def test_visibility_follows_status_and_publication_time(author):
    now = timezone.now()
    past = article_save(article=new_article(author, slug="past", publish_at=now - timedelta(1)))
    future = article_save(
        article=new_article(author, slug="future", publish_at=now + timedelta(hours=1))
    )
    draft = article_save(
        article=new_article(author, slug="draft", status=Article.Status.DRAFT, publish_at=now)
    )

    assert list(Article.objects.published()) == [past]
    assert future.is_scheduled
    assert not future.is_visible()
    assert future.is_visible(now=now + timedelta(hours=2))
    assert not draft.is_visible()
    assert not draft.is_scheduled


def _png(width: int = 1200, height: int = 630) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (14, 75, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_uploaded_hero_image_keeps_its_size_and_needs_a_description(author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("hip.png", _png(), content_type="image/png")
    with pytest.raises(ValidationError) as raised:
        article_save(article=new_article(author, hero_image=upload))
    assert "hero_alt" in raised.value.message_dict
    assert not Article.objects.exists()

    upload = SimpleUploadedFile("hip.png", _png(), content_type="image/png")
    article = article_save(
        article=new_article(author, hero_image=upload, hero_alt="A runner's hip, side view")
    )

    stored = Article.objects.get(pk=article.pk)
    assert (stored.hero_width, stored.hero_height) == (1200, 630)
    assert stored.hero_url.startswith("/media/journal/heroes/")
    assert stored.hero_url.endswith(".png")
