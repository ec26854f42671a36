"""Unsubscribing from reply e-mails: a signed token, a confirmation, and one-click POSTs."""

from __future__ import annotations

import pytest

from stridewell.journal.identity import unsubscribe_token_make
from stridewell.journal.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(article, post) -> list[Comment]:
    first = post(article, email="hannah@example.com", notify_on_reply=True).comment
    second = post(article, email="Hannah@Example.com", notify_on_reply=True, body="Two").comment
    other = post(article, email="dev@example.com", notify_on_reply=True, body="Three").comment
    return [first, second, other]


def url_for(comment: Comment) -> str:
    return f"/journal/comments/unsubscribe/{unsubscribe_token_make(comment_id=comment.pk)}/"


def test_opening_the_link_asks_before_changing_anything(client, subscribed):
    response = client.get(url_for(subscribed[0]))

    assert response.status_code == 200
    assert "Stop e-mails about replies?" in response.content.decode()
    assert "hannah@example.com" not in response.content.decode()
    assert Comment.objects.filter(notify_on_reply=True).count() == 3


def test_confirming_stops_reply_emails_for_every_comment_by_that_address(client, subscribed):
    response = client.post(url_for(subscribed[0]))

    assert "You will not get reply e-mails any more" in response.content.decode()
    states = dict(Comment.objects.values_list("pk", "notify_on_reply"))
    assert states == {subscribed[0].pk: False, subscribed[1].pk: False, subscribed[2].pk: True}


def test_mail_clients_one_click_post_works_without_a_csrf_token(subscribed):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(url_for(subscribed[0]), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Comment.objects.get(pk=subscribed[0].pk).notify_on_reply


def test_a_broken_link_is_explained_and_changes_nothing(client, subscribed):
    response = client.post("/journal/comments/unsubscribe/not-a-real-token/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert Comment.objects.filter(notify_on_reply=True).count() == 3
