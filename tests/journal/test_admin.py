"""Staff write articles in the admin; saving goes through the service."""

from __future__ import annotations

import pytest
from django.utils import timezone

from stridewell.journal.models import Article, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@stridewell.test", password="x")
    client.force_login(admin)
    return client


def form_data(author, **fields):
    now = timezone.localtime()
    return {
        "title": "Hip strength",
        "slug": "hip-strength",
        "author": author.pk,
        "excerpt": "Why hips matter.",
        "body": "## Why\n\n<script>alert(1)</script> hips",
        "status": "published",
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "comments_open": "on",
        "hero_illustration": "",
        "hero_alt": "",
        "tags": [],
    } | fields


def test_adding_an_article_renders_its_sanitised_html(admin_client, author):
    tag = Tag.objects.create(name="Hip", slug="hip")

    response = admin_client.post("/admin/journal/article/add/", form_data(author, tags=[tag.pk]))

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.body_html == "<h2>Why</h2>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; hips</p>\n"
    assert list(article.tags.all()) == [tag]


def test_a_picture_without_a_description_is_refused_in_the_form(admin_client, author):
    response = admin_client.post(
        "/admin/journal/article/add/",
        form_data(author, hero_illustration="journal/illustrations/hamstring.svg"),
    )

    assert response.status_code == 200
    assert "Describe the picture for readers who cannot see it." in response.content.decode()
    assert not Article.objects.exists()


def test_the_comment_admin_never_shows_the_address(admin_client, article, post):
    comment = post(article, email="secret.reader@example.com").comment

    listing = admin_client.get("/admin/journal/comment/").content.decode()
    detail = admin_client.get(f"/admin/journal/comment/{comment.pk}/change/").content.decode()

    assert "secret.reader" not in listing
    assert "secret.reader" not in detail
    assert "Thanks, very useful." in detail


def test_admin_actions_moderate_through_the_services(admin_client, article, post):
    waiting = post(article, email="a@example.com").comment
    other = post(article, email="b@example.com", body="Buy now").comment

    admin_client.post(
        "/admin/journal/comment/", {"action": "approve", "_selected_action": [waiting.pk]}
    )
    admin_client.post(
        "/admin/journal/comment/", {"action": "mark_spam", "_selected_action": [other.pk]}
    )

    waiting.refresh_from_db()
    other.refresh_from_db()
    assert (waiting.status, other.status) == ("approved", "spam")
    assert waiting.moderated_by.email == "admin@stridewell.test"
