"""Journal fixtures. Everything is set up through the real services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile, Role, User
from stridewell.accounts.services import practitioner_profile_create
from stridewell.journal.models import Article, Comment
from stridewell.journal.services import (
    article_save,
    comment_approve,
    comment_post,
    tag_get_or_create,
)

JOURNAL_URLCONF = "tests.journal.urls"
PASSWORD = "pw-for-tests-only"


@pytest.fixture(autouse=True)
def _journal_urls(settings):
    settings.ROOT_URLCONF = JOURNAL_URLCONF
    settings.SITE_URL = "https://stridewell.test"


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(email: str, *, role: str = Role.RUNNER, **extra: Any) -> User:
        return User.objects.create_user(email=email, password=PASSWORD, role=role, **extra)

    return make


@pytest.fixture
def author(make_user) -> PractitionerProfile:
    user = make_user("callum@stridewell.test", role=Role.PHYSIO, first_name="Callum")
    return practitioner_profile_create(
        user=user,
        display_name="Callum Reid",
        title="Sports Physiotherapist",
        slug="callum-reid",
        bio="Callum treats runners' knees and hips.\n\nHe races cross-country.",
        specialties=["Hip and groin pain"],
    )


@pytest.fixture
def staff_user(make_user) -> User:
    return make_user("jess@stridewell.test", role=Role.STAFF, first_name="Jess")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


_slugs = count(1)


@pytest.fixture
def make_article(author) -> Callable[..., Article]:
    def make(
        title: str | None = None,
        *,
        body: str = "Some words about running.",
        tags: list[str] | None = None,
        status: str = Article.Status.PUBLISHED,
        publish_at: Any = "past",
        **extra: Any,
    ) -> Article:
        number = next(_slugs)
        title = title or f"Article {number}"
        if publish_at == "past":
            publish_at = timezone.now() - timedelta(days=1, minutes=number)
        extra.setdefault("slug", f"article-{number}")
        extra.setdefault("excerpt", f"Summary of {title}.")
        article = Article(
            title=title, body=body, status=status, publish_at=publish_at, author=author, **extra
        )
        tag_objects = [tag_get_or_create(name=name) for name in tags or []]
        return article_save(article=article, tags=tag_objects)

    return make


@pytest.fixture
def article(make_article) -> Article:
    return make_article(
        "Why the gluteus medius matters",
        slug="gluteus-medius",
        body="## The muscle\n\nIt keeps the **pelvis** level.",
        tags=["Strength", "Hip"],
    )


_ips = count(1)


@pytest.fixture
def post(db) -> Callable[..., Any]:
    """Post a comment through the service, as if some time had passed since the last one.

    Flood control would otherwise refuse a second comment from the same e-mail address within
    15 seconds; tests of flood control itself call `comment_post` directly.
    """

    def do(article: Article, **fields: Any):
        cache.clear()
        fields.setdefault("name", "Hannah")
        fields.setdefault("email", "hannah@example.com")
        fields.setdefault("body", "Thanks, very useful.")
        fields.setdefault("client_ip", f"10.0.{next(_ips) % 250}.{next(_ips) % 250}")
        return comment_post(article=article, **fields)

    return do


@pytest.fixture
def approved_comment(article, post, staff_user) -> Comment:
    posted = post(article)
    return comment_approve(comment=posted.comment, by=staff_user)
