"""Operations: resume and purge commands, the Resume button, the progress fragment, and a
query budget for the overview page."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stridewell.newsletter.issues import issue_create, issue_send_start
from stridewell.newsletter.models import DeliveryStatus, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_send(confirmed_subscriber, staff, settings):
    """An issue queued for three subscribers while no worker runs (database task backend)."""
    for address in ("ada@example.com", "bo@example.com", "cy@example.com"):
        confirmed_subscriber(address)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    issue = issue_create(subject="Queued", preheader="", body_markdown="Hello.", by=staff)
    send = issue_send_start(issue_id=issue.pk, by=staff)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return send


def test_the_resume_command_sends_what_is_waiting(queued_send, mailoutbox):
    out = StringIO()

    call_command("newsletter_send_resume", stdout=out)

    assert out.getvalue() == f"Send {queued_send.pk}: 3 message(s) queued again.\n"
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ada@example.com",
        "bo@example.com",
        "cy@example.com",
    ]
    queued_send.refresh_from_db()
    assert queued_send.finished_at is not None


def test_the_resume_command_with_nothing_unfinished_says_so(db):
    out = StringIO()

    call_command("newsletter_send_resume", stdout=out)

    assert out.getvalue() == "No unfinished sends.\n"


def test_the_purge_command_removes_old_unconfirmed_sign_ups(pending_subscriber):
    old = pending_subscriber("old@example.com")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    out = StringIO()

    call_command("newsletter_purge_unconfirmed", "--days", "7", stdout=out)

    assert out.getvalue() == "Removed 1 unconfirmed sign-up(s).\n"
    assert Subscriber.objects.count() == 0


def test_the_resume_button_restarts_a_stalled_send(client, staff, queued_send, mailoutbox):
    client.force_login(staff)
    issue = queued_send.issue

    progress = client.get(reverse("newsletter:staff_issue_progress", args=[issue.pk]))
    resumed = client.post(reverse("newsletter:staff_issue_resume", args=[issue.pk]), follow=True)

    assert 'hx-trigger="every 3s"' in progress.content.decode()
    assert "0 of 3 handled (0%)" in progress.content.decode()
    assert "Sending resumed: 3 message(s) queued again." in resumed.content.decode()
    assert len(mailoutbox) == 3
    assert queued_send.deliveries.filter(status=DeliveryStatus.SENT).count() == 3
    done = client.get(reverse("newsletter:staff_issue_progress", args=[issue.pk])).content
    assert b"every 3s" not in done
    assert b"3 of 3 handled (100%)" in done


def test_the_overview_page_costs_the_same_queries_however_long_the_list(
    client, staff, confirmed_subscriber, django_assert_max_num_queries
):
    client.force_login(staff)
    confirmed_subscriber("first@example.com")
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("newsletter:staff"))
    for n in range(15):
        confirmed_subscriber(f"runner{n}@example.com")

    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("newsletter:staff"))
