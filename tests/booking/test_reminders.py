"""The reminder 24 hours before: sent once, by the periodic command or a deferred task."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from stridewell.booking.models import Appointment, Status
from stridewell.booking.services.changes import appointment_reschedule_by_link
from stridewell.booking.services.reminders import reminder_send, reminders_send_due
from tests.booking.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(book, follow_up, asha, monday):
    return book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))


def test_a_reminder_is_due_a_day_before_and_sent_exactly_once(
    booked, monday, mailoutbox, django_capture_on_commit_callbacks
):
    early = at(monday, 10) - timedelta(hours=24, minutes=1)
    due = at(monday, 10) - timedelta(hours=23)

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due(now=early) == 0
        assert reminders_send_due(now=due) == 1
        assert reminders_send_due(now=due + timedelta(minutes=10)) == 0
        assert reminder_send(appointment_id=booked.appointment.pk, now=due) is False

    (message,) = mailoutbox
    assert message.subject == "Reminder: Follow up 30 tomorrow at 10:00"
    assert Appointment.objects.get().reminder_sent_at == due


def test_no_reminder_for_cancelled_or_short_notice_appointments(book, booked, monday):
    Appointment.objects.filter(pk=booked.appointment.pk).update(status=Status.CANCELLED)
    late = book(start=at(monday, 15), email="late@example.test", now=at(monday, 8))

    assert late.appointment.reminder_due_at is None
    assert reminders_send_due(now=at(monday, 9)) == 0


def test_a_moved_appointment_is_reminded_about_its_new_time(booked, monday):
    moved = appointment_reschedule_by_link(
        public_id=str(booked.appointment.public_id),
        raw_token=booked.links["reschedule"],
        start=at(monday + timedelta(days=1), 10),
        now=at(monday, 10) - timedelta(days=3),
    )

    assert moved.reminder_due_at == at(monday + timedelta(days=1), 10) - timedelta(hours=24)
    assert reminders_send_due(now=at(monday, 9, 30)) == 0  # the old due time no longer counts


def test_the_command_sends_due_reminders_and_is_idempotent(booked, mailoutbox):
    # Make the reminder due now (the command always uses the real clock).
    Appointment.objects.filter(pk=booked.appointment.pk).update(
        reminder_due_at=timezone.now() - timedelta(minutes=1)
    )
    first, second = StringIO(), StringIO()

    call_command("send_reminders", stdout=first)
    call_command("send_reminders", stdout=second)

    assert first.getvalue().strip() == "Sent 1 reminder."
    assert second.getvalue().strip() == "Sent 0 reminders."
    assert Appointment.objects.get().reminder_sent_at is not None


@pytest.mark.usefixtures("follow_up", "asha")
def test_with_a_deferring_task_backend_the_reminder_is_queued_for_a_day_before(
    settings, book, monday, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        result = book(start=at(monday, 10), now=at(monday, 10) - timedelta(days=4))

    queued = DBTaskResult.objects.get(task_path="stridewell.booking.tasks.appointment_reminder")
    assert queued.run_after == at(monday, 10) - timedelta(hours=24)
    assert queued.args_kwargs["kwargs"] == {"appointment_id": result.appointment.pk}
