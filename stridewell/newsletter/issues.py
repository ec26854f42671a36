"""Writes for issues: compose, edit, send a test, start sending to the list.

Only clinic staff may do any of it; the services check the role themselves so that every
interface (site pages, admin, API, commands) gets the same answer.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stridewell.accounts.models import User
from stridewell.newsletter import emails
from stridewell.newsletter.models import (
    Delivery,
    Issue,
    IssueStatus,
    Send,
    Subscriber,
    SubscriberStatus,
)

NOT_A_DRAFT = "This issue has already been sent (or is being sent), so it can no longer change."


def _require_staff(user: User) -> None:
    if not (user.is_authenticated and user.is_clinic_staff):
        raise PermissionDenied("Only clinic staff can write and send the newsletter.")


def _clean(issue: Issue) -> None:
    issue.subject = " ".join((issue.subject or "").split())
    issue.preheader = " ".join((issue.preheader or "").split())
    if not (issue.body_markdown or "").strip():
        raise ValidationError({"body_markdown": "Write the body of the issue."})
    issue.full_clean(exclude=["created_by"])


@transaction.atomic
def issue_create(*, subject: str, preheader: str, body_markdown: str, by: User) -> Issue:
    _require_staff(by)
    issue = Issue(subject=subject, preheader=preheader, body_markdown=body_markdown, created_by=by)
    _clean(issue)
    issue.save()
    return issue


@transaction.atomic
def issue_update(
    *, issue_id: int, subject: str, preheader: str, body_markdown: str, by: User
) -> Issue:
    _require_staff(by)
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    if not issue.is_draft:
        raise ValidationError(NOT_A_DRAFT, code="not_draft")
    issue.subject, issue.preheader, issue.body_markdown = subject, preheader, body_markdown
    issue.updated_at = timezone.now()
    _clean(issue)
    issue.save()
    return issue


def issue_send_test(*, issue: Issue, by: User) -> str:
    """E-mail a proof of `issue` to the member of staff asking. Returns the address used."""
    _require_staff(by)
    emails.issue_test_email_send(issue=issue, to=by.email)
    return by.email


@transaction.atomic
def issue_send_start(*, issue_id: int, by: User, at: datetime | None = None) -> Send:
    """Queue `issue` for every confirmed subscriber and start the background batches.

    The Send row and one Delivery per subscriber are created in one transaction; the first
    batch task is queued only after it commits. A second call finds the issue no longer a
    draft (and Send is one-to-one with Issue as a backstop): an issue is sent once.
    """
    from stridewell.newsletter.sending import send_batches_start, send_finish_if_done

    _require_staff(by)
    at = at or timezone.now()
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    if not issue.is_draft:
        raise ValidationError(NOT_A_DRAFT, code="not_draft")
    send = Send.objects.create(issue=issue, started_by=by, started_at=at)
    recipients = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).values_list(
        "pk", flat=True
    )
    Delivery.objects.bulk_create(
        (Delivery(send=send, issue=issue, subscriber_id=pk) for pk in recipients.iterator()),
        batch_size=500,
    )
    send.recipient_count = Delivery.objects.filter(send=send).count()
    send.save(update_fields=["recipient_count"])
    issue.status = IssueStatus.SENDING
    issue.save(update_fields=["status"])
    if send.recipient_count == 0:
        send_finish_if_done(send_id=send.pk, at=at)
    else:
        transaction.on_commit(lambda: send_batches_start(send_id=send.pk))
    return send
