"""Reply notices: only when asked for, once, never to yourself, with a working unsubscribe
link that carries no address; the address of the person replying is never revealed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from stridewell.journal.identity import unsubscribe_token_read
from stridewell.journal.models import Comment
from stridewell.journal.services import comment_approve, comment_reply_as_clinic

pytestmark = pytest.mark.django_db


@dataclass
class Outbox:
    """Real SMTP delivery of whatever is queued inside `committing()`, run as if committed."""

    sink: Any
    capture: Callable[..., Any]

    @contextmanager
    def committing(self) -> Iterator[None]:
        with self.capture(execute=True):
            yield

    def messages(self) -> list[Any]:
        return self.sink.messages()


@pytest.fixture
def outbox(smtp_sink, django_capture_on_commit_callbacks) -> Outbox:
    return Outbox(smtp_sink, django_capture_on_commit_callbacks)


@pytest.fixture
def subscribed(article, post, staff_user) -> Comment:
    posted = post(
        article,
        name="Hannah",
        email="hannah@example.com",
        body="Tell me when someone answers.",
        notify_on_reply=True,
    )
    return comment_approve(comment=posted.comment, by=staff_user)


@pytest.fixture
def approve_reply(article, post, staff_user) -> Callable[..., Comment]:
    def do(parent: Comment, **fields: Any) -> Comment:
        posted = post(article, parent_id=parent.pk, **fields)
        return comment_approve(comment=posted.comment, by=staff_user)

    return do


def plain_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_author_hears_about_an_approved_reply(outbox, subscribed, approve_reply):
    with outbox.committing():
        reply = approve_reply(subscribed, name="Dev", email="dev@example.com", body="Same here!")

    (message,) = outbox.messages()
    assert message["To"] == "hannah@example.com"
    assert message["Subject"] == "New reply to your comment on “Why the gluteus medius matters”"
    text = plain_text(message)
    assert "Dev replied to your comment" in text
    assert "Same here!" in text
    assert f"https://stridewell.test/journal/gluteus-medius/#comment-{reply.pk}" in text
    assert "dev@example.com" not in message.as_string()


def test_the_notice_carries_a_one_click_unsubscribe_without_the_address(
    outbox, subscribed, approve_reply
):
    with outbox.committing():
        approve_reply(subscribed, email="dev@example.com")

    (message,) = outbox.messages()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"]).group(1)
    assert url.startswith("https://stridewell.test/journal/comments/unsubscribe/")
    assert "hannah" not in url.lower()
    assert "@" not in url
    assert "%40" not in url
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert unsubscribe_token_read(token) == subscribed.pk
    assert url in plain_text(message)


def test_a_clinic_reply_is_announced_as_from_the_clinic(outbox, subscribed, staff_user):
    with outbox.committing():
        comment_reply_as_clinic(parent=subscribed, body="Glad it helped.", by=staff_user)

    (message,) = outbox.messages()
    assert "The clinic replied to your comment" in plain_text(message)


def test_approving_twice_sends_one_notice(outbox, subscribed, approve_reply, staff_user):
    with outbox.committing():
        reply = approve_reply(subscribed, email="dev@example.com")
    with outbox.committing():
        comment_approve(comment=reply, by=staff_user)

    assert len(outbox.messages()) == 1


def test_no_notice_without_opting_in_for_your_own_reply_or_while_the_reply_waits(
    outbox, subscribed, approved_comment, approve_reply, post
):
    assert approved_comment.pk != subscribed.pk
    with outbox.committing():
        # approved_comment's author did not ask for notices.
        approve_reply(approved_comment, email="dev@example.com")
        # Hannah replying to herself.
        approve_reply(subscribed, email="HANNAH@example.com")
        # A reply still waiting for moderation.
        post(subscribed.article, parent_id=subscribed.pk, email="zed@example.com")

    assert outbox.messages() == []


def test_the_notice_waits_for_commit(
    smtp_sink, django_capture_on_commit_callbacks, subscribed, approve_reply
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        approve_reply(subscribed, email="dev@example.com")

    # Queued for after COMMIT; a rolled-back transaction never runs these callbacks.
    assert len(callbacks) == 1
    assert smtp_sink.messages() == []
