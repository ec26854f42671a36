"""`comment_post`: one set of rules for the page and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stridewell.journal.models import Article, Comment
from stridewell.journal.services import (
    ArticleUnavailableError,
    CommentThrottledError,
    article_save,
    comment_approve,
    comment_mark_spam,
    comment_post,
)

pytestmark = pytest.mark.django_db


def test_a_first_time_commenters_comment_waits_for_moderation(article, post):
    posted = post(article, email="New.Person@Example.com ")

    comment = Comment.objects.get()
    assert posted.is_published is False
    assert comment.status == Comment.Status.PENDING
    assert comment.hold_reason == "first_comment"
    assert comment.author_email == "new.person@example.com"
    assert comment.depth == 0


def test_a_previously_approved_commenter_appears_at_once(article, post, staff_user):
    first = post(article, email="hannah@example.com").comment
    comment_approve(comment=first, by=staff_user)

    posted = post(article, email="HANNAH@example.com", body="Another thought.")

    assert posted.is_published is True
    assert posted.comment.status == Comment.Status.APPROVED
    assert posted.comment.hold_reason == ""


def test_two_or_more_links_always_wait_even_for_a_known_commenter(article, post, staff_user):
    comment_approve(comment=post(article).comment, by=staff_user)

    posted = post(article, body="See https://a.example and www.b.example for more")

    assert posted.is_published is False
    assert posted.comment.hold_reason == "links"


def test_one_link_from_a_known_commenter_appears_at_once(article, post, staff_user):
    comment_approve(comment=post(article).comment, by=staff_user)

    assert post(article, body="My race report: https://a.example/r").is_published is True


def test_an_address_once_marked_as_spam_always_waits(article, post, staff_user):
    comment_approve(comment=post(article, body="Fine").comment, by=staff_user)
    comment_mark_spam(comment=post(article, body="Buy now").comment, by=staff_user)

    posted = post(article, body="Hello again")

    assert posted.is_published is False
    assert posted.comment.hold_reason == "previous_spam"


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(article, post):
    posted = post(article, honeypot="http://spam.example")

    assert posted.comment is None
    assert posted.is_published is False
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": "   "}, {"name": ["Please tell us your name (a first name is fine)."]}),
        ({"name": "x" * 81}, {"name": ["Please keep your name to 80 characters."]}),
        (
            {"name": "Cheap pills www.pills.example"},
            {"name": ["Please give your name rather than a web address."]},
        ),
        (
            {"email": ""},
            {"email": ["Please give your e-mail address. It is never shown to anyone."]},
        ),
        (
            {"email": "not-an-address"},
            {"email": ["That does not look like an e-mail address; please check it."]},
        ),
        (
            {"email": "a" * 250 + "@example.com"},
            {"email": ["An e-mail address cannot be longer than 254 characters."]},
        ),
        (
            {"website": "javascript:alert(1)"},
            {"website": ["Give a full web address starting with https:// (or leave it empty)."]},
        ),
        (
            {"website": "ftp://files.example"},
            {"website": ["Give a full web address starting with https:// (or leave it empty)."]},
        ),
        ({"body": " \n "}, {"body": ["Please write your comment."]}),
        (
            {"body": "x" * 3001},
            {
                "body": [
                    "Comments can be up to 3,000 characters; yours has 3,001. Please shorten it."
                ]
            },
        ),
    ],
)
def test_bad_input_gets_a_specific_error_and_nothing_is_saved(article, post, fields, errors):
    with pytest.raises(ValidationError) as raised:
        post(article, **fields)

    assert raised.value.message_dict == errors
    assert not Comment.objects.exists()


def test_control_characters_are_removed_and_script_is_kept_as_plain_text(article, post):
    post(article, name="Ha\x00nnah", body="<script>alert(1)</script>\x07 hi")

    comment = Comment.objects.get()
    assert comment.author_name == "Hannah"
    assert comment.body == "<script>alert(1)</script> hi"  # stored as typed, escaped on display


def test_a_reply_is_nested_under_its_parent(article, post, approved_comment):
    posted = post(article, parent_id=approved_comment.pk, email="dev@example.com")

    assert posted.comment.parent == approved_comment
    assert posted.comment.depth == 1


def test_a_reply_to_a_comment_on_another_article_is_refused(
    article, post, make_article, staff_user
):
    other = make_article("Other")
    foreign = comment_approve(comment=post(other).comment, by=staff_user)

    with pytest.raises(ValidationError) as raised:
        post(article, parent_id=foreign.pk, email="dev@example.com")

    assert raised.value.message_dict == {
        "parent": ["You can only reply to a comment on this article."]
    }
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("parent_id", [999_999, -1])
def test_a_reply_to_a_missing_comment_is_refused(article, post, parent_id):
    with pytest.raises(ValidationError) as raised:
        post(article, parent_id=parent_id)

    assert list(raised.value.message_dict) == ["parent"]
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_that_is_not_visible_is_refused(article, post):
    waiting = post(article).comment

    with pytest.raises(ValidationError) as raised:
        post(article, parent_id=waiting.pk, email="dev@example.com")

    assert raised.value.message_dict == {"parent": ["That comment is no longer open for replies."]}
    assert Comment.objects.count() == 1


def test_replies_nest_at_most_three_levels(article, post, staff_user, approved_comment):
    level1 = comment_approve(
        comment=post(article, parent_id=approved_comment.pk, email="b@example.com").comment,
        by=staff_user,
    )
    level2 = comment_approve(
        comment=post(article, parent_id=level1.pk, email="c@example.com").comment, by=staff_user
    )
    assert level2.depth == 2

    with pytest.raises(ValidationError) as raised:
        post(article, parent_id=level2.pk, email="d@example.com")

    assert raised.value.message_dict == {
        "parent": ["Replies go three levels deep; please reply to the comment above."]
    }
    assert Comment.objects.count() == 3


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_comments_on_articles_readers_cannot_see_are_refused(make_article, post, state):
    if state == "draft":
        hidden = make_article(status=Article.Status.DRAFT, publish_at=None)
    else:
        hidden = make_article(publish_at=timezone.now() + timedelta(days=1))

    with pytest.raises(ArticleUnavailableError):
        post(hidden)

    assert not Comment.objects.exists()


def test_comments_are_refused_when_closed(article, post):
    article.comments_open = False
    article_save(article=article)

    with pytest.raises(ValidationError) as raised:
        post(article)

    assert raised.value.messages == ["Comments are closed on this article."]
    assert not Comment.objects.exists()


def test_flood_control_allows_one_comment_per_15_seconds_per_address(article):
    comment_post(
        article=article, name="A", email="a@example.com", body="One", client_ip="192.0.2.1"
    )

    with pytest.raises(CommentThrottledError) as raised:
        comment_post(
            article=article, name="B", email="b@example.com", body="Two", client_ip="192.0.2.1"
        )

    # The window opened with the first comment; a slow machine may already be a second in.
    assert raised.value.retry_after in {14, 15}
    assert raised.value.message == (
        f"Please wait {raised.value.retry_after} s before posting another comment."
    )
    assert Comment.objects.count() == 1


def test_flood_control_allows_one_comment_per_15_seconds_per_email(article):
    comment_post(
        article=article, name="A", email="a@example.com", body="One", client_ip="192.0.2.1"
    )

    with pytest.raises(CommentThrottledError):
        comment_post(
            article=article, name="A", email="A@example.com", body="Two", client_ip="192.0.2.2"
        )

    assert Comment.objects.count() == 1


def test_the_hourly_rate_limit_counts_every_attempt_from_an_address(article, monkeypatch):
    monkeypatch.setattr("stridewell.journal.services.comments.HOURLY_ATTEMPTS", 2)
    for _ in range(2):
        with pytest.raises(ValidationError):
            comment_post(article=article, name="", email="", body="", client_ip="192.0.2.9")

    with pytest.raises(CommentThrottledError) as raised:
        comment_post(
            article=article, name="A", email="a@example.com", body="Fine", client_ip="192.0.2.9"
        )

    assert raised.value.message.startswith("You have sent many comments in the last hour.")
    assert not Comment.objects.exists()


def test_sending_the_same_comment_twice_keeps_one_copy(article):
    fields = {"name": "A", "email": "a@example.com", "body": "Same words", "client_ip": "192.0.2.3"}
    first = comment_post(article=article, **fields)

    again = comment_post(article=article, **fields)

    assert again.is_duplicate is True
    assert again.comment == first.comment
    assert Comment.objects.count() == 1


def test_comment_text_is_never_changed_into_html(article, post):
    post(article, body="Line one\nLine <b>two</b>")

    assert Comment.objects.get().body == "Line one\nLine <b>two</b>"
