"""Moderation: approve, spam, delete (scrubbing personal data), reply as the clinic."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stridewell.accounts.models import Role
from stridewell.clinic.models import ClinicProfile
from stridewell.journal.models import Comment
from stridewell.journal.services import (
    comment_approve,
    comment_delete,
    comment_mark_spam,
    comment_reply_as_clinic,
)

pytestmark = pytest.mark.django_db


def test_approving_publishes_and_records_who_and_when(article, post, staff_user):
    comment = post(article).comment

    comment_approve(comment=comment, by=staff_user)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == staff_user
    assert comment.moderated_at is not None


@pytest.mark.parametrize("role", [Role.RUNNER, Role.PHYSIO])
def test_only_clinic_staff_may_moderate(article, post, make_user, role):
    someone = make_user(f"{role}@example.com", role=role)
    comment = post(article).comment

    for service in (comment_approve, comment_mark_spam, comment_delete):
        with pytest.raises(PermissionDenied):
            service(comment=comment, by=someone)
    with pytest.raises(PermissionDenied):
        comment_reply_as_clinic(parent=comment, body="Hello", by=someone)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert Comment.objects.count() == 1


def test_spam_hides_a_published_comment(article, approved_comment, staff_user):
    comment_mark_spam(comment=approved_comment, by=staff_user)

    assert Comment.objects.get().status == Comment.Status.SPAM


def test_deleting_a_comment_without_replies_removes_the_row(article, post, staff_user):
    comment_delete(comment=post(article).comment, by=staff_user)

    assert not Comment.objects.exists()


def test_deleting_a_comment_with_replies_keeps_an_empty_placeholder(
    article, post, approved_comment, staff_user
):
    reply = post(article, parent_id=approved_comment.pk, email="dev@example.com").comment

    comment_delete(comment=approved_comment, by=staff_user)

    placeholder = Comment.objects.get(pk=approved_comment.pk)
    assert placeholder.status == Comment.Status.REMOVED
    assert (placeholder.author_name, placeholder.author_email, placeholder.email_hash) == (
        "",
        "",
        "",
    )
    assert (placeholder.body, placeholder.author_website) == ("", "")
    assert Comment.objects.filter(pk=reply.pk).exists()


def test_a_removed_comment_cannot_be_approved_or_spammed(
    article, post, approved_comment, staff_user
):
    post(article, parent_id=approved_comment.pk, email="dev@example.com")
    comment_delete(comment=approved_comment, by=staff_user)

    with pytest.raises(ValidationError):
        comment_approve(comment=approved_comment, by=staff_user)
    with pytest.raises(ValidationError):
        comment_mark_spam(comment=approved_comment, by=staff_user)
    assert Comment.objects.get(pk=approved_comment.pk).status == Comment.Status.REMOVED


def test_a_clinic_reply_is_published_in_the_clinics_name(article, approved_comment, staff_user):
    ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy (Borough)",
        address_line1="1 Yard",
        city="London",
        postcode="SE1 1ZZ",
        phone="020 7946 0000",
        email="clinic@stridewell.test",
    )

    reply = comment_reply_as_clinic(parent=approved_comment, body="  Thanks!\r\n", by=staff_user)

    assert reply.status == Comment.Status.APPROVED
    assert reply.is_clinic_reply is True
    assert reply.author_name == "Stridewell Sports Physiotherapy (Borough)"
    assert (reply.author_email, reply.email_hash) == ("", "")
    assert reply.body == "Thanks!"
    assert reply.posted_by == staff_user
    assert (reply.parent, reply.depth) == (approved_comment, 1)


def test_replying_to_a_waiting_comment_approves_it(article, post, staff_user):
    waiting = post(article).comment

    comment_reply_as_clinic(parent=waiting, body="Good question.", by=staff_user)

    assert Comment.objects.get(pk=waiting.pk).status == Comment.Status.APPROVED


def test_the_clinic_cannot_reply_to_spam_or_past_the_depth_limit(
    article, post, approved_comment, staff_user
):
    spam = post(article, email="s@example.com").comment
    comment_mark_spam(comment=spam, by=staff_user)
    level1 = comment_reply_as_clinic(parent=approved_comment, body="One", by=staff_user)
    level2 = comment_reply_as_clinic(parent=level1, body="Two", by=staff_user)

    with pytest.raises(ValidationError):
        comment_reply_as_clinic(parent=spam, body="Hi", by=staff_user)
    with pytest.raises(ValidationError):
        comment_reply_as_clinic(parent=level2, body="Three", by=staff_user)
    with pytest.raises(ValidationError):
        comment_reply_as_clinic(parent=approved_comment, body=" ", by=staff_user)
    assert Comment.objects.filter(is_clinic_reply=True).count() == 2
