"""Sending an issue in background batches through a real SMTP server, crashes included.

The promise under test: whatever happens mid-send, nobody gets the same issue twice, and
after a resume everyone who can be reached got it exactly once.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from stridewell.newsletter import sending
from stridewell.newsletter.issues import issue_create, issue_send_start
from stridewell.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueStatus,
    Send,
)
from stridewell.newsletter.sending import send_batch_process, send_resume
from stridewell.newsletter.services import subscriber_unsubscribe
from tests.newsletter.crashing_mailer import BACKEND, PLAN

SUBJECT = "Hill repeats without the sore calves"
ADDRESSES = [f"runner{n}@example.com" for n in range(1, 8)]  # seven subscribers


@pytest.fixture
def mailer(smtp_sink, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": BACKEND,
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_sink.port, "timeout": 5},
        }
    }
    PLAN.reset(fail_after=None, mode="crash_after_delivery")
    yield smtp_sink
    PLAN.reset(fail_after=None, mode="crash_after_delivery")


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(sending, "BATCH_SIZE", 3)


@pytest.fixture
def subscribers(transactional_db, confirmed_subscriber, pending_subscriber):
    confirmed = [confirmed_subscriber(address) for address in ADDRESSES]
    pending_subscriber("never.confirmed@example.com")
    return confirmed


@pytest.fixture
def issue(staff) -> Issue:
    return issue_create(
        subject=SUBJECT,
        preheader="Short, steep and safe.",
        body_markdown="## Why hills\n\nThey build strength that flat running does not.",
        by=staff,
    )


def _copies(sink) -> Counter[str]:
    return Counter(m["To"] for m in sink.messages() if m["Subject"] == SUBJECT)


def _statuses(send: Send) -> Counter[str]:
    return Counter(send.deliveries.values_list("status", flat=True))


def test_sending_delivers_one_copy_to_each_confirmed_subscriber_in_batches(
    mailer, small_batches, subscribers, issue, staff
):
    send = issue_send_start(issue_id=issue.pk, by=staff)

    assert _copies(mailer) == Counter(dict.fromkeys(ADDRESSES, 1))
    assert "never.confirmed@example.com" not in _copies(mailer)
    send.refresh_from_db()
    issue.refresh_from_db()
    assert send.recipient_count == 7
    assert send.finished_at is not None
    assert issue.status == IssueStatus.SENT
    assert issue.sent_at == send.finished_at
    assert _statuses(send) == Counter({DeliveryStatus.SENT: 7})
    assert all(d.attempts == 1 and d.sent_at for d in send.deliveries.all())


def test_a_crash_after_handing_over_a_message_then_resume_sends_each_exactly_one_copy(
    mailer, small_batches, subscribers, issue, staff
):
    # Four messages go out; the fifth reaches the server, then the worker dies.
    PLAN.reset(fail_after=4, mode="crash_after_delivery")

    send = issue_send_start(issue_id=issue.pk, by=staff)

    assert sum(_copies(mailer).values()) == 5
    assert _statuses(send) == Counter(
        {
            DeliveryStatus.SENT: 4,
            DeliveryStatus.SENDING: 1,  # the one in the mail server's hands at the crash
            DeliveryStatus.CLAIMED: 1,  # the rest of that batch of three
            DeliveryStatus.PENDING: 1,
        }
    )
    send.refresh_from_db()
    assert send.finished_at is None

    requeued = send_resume(send_id=send.pk)

    assert requeued == 2
    assert _copies(mailer) == Counter(dict.fromkeys(ADDRESSES, 1))
    assert _statuses(send) == Counter({DeliveryStatus.SENT: 6, DeliveryStatus.UNCONFIRMED: 1})
    send.refresh_from_db()
    assert send.finished_at is not None


def test_a_server_asking_to_wait_puts_the_message_back_and_resume_sends_it_once(
    mailer, small_batches, subscribers, issue, staff
):
    PLAN.reset(fail_after=2, mode="try_later")

    send = issue_send_start(issue_id=issue.pk, by=staff)

    assert sum(_copies(mailer).values()) == 2
    assert _statuses(send) == Counter({DeliveryStatus.SENT: 2, DeliveryStatus.PENDING: 5})
    refused = send.deliveries.exclude(error="").get()
    assert refused.error.startswith("SMTPDataError: (451")

    send_resume(send_id=send.pk)

    assert _copies(mailer) == Counter(dict.fromkeys(ADDRESSES, 1))
    assert _statuses(send) == Counter({DeliveryStatus.SENT: 7})


def test_a_message_interrupted_mid_transfer_is_never_sent_again(
    mailer, small_batches, subscribers, issue, staff
):
    PLAN.reset(fail_after=1, mode="connection_lost")

    send = issue_send_start(issue_id=issue.pk, by=staff)
    send_resume(send_id=send.pk)

    copies = _copies(mailer)
    interrupted = send.deliveries.get(status=DeliveryStatus.UNCONFIRMED)
    assert interrupted.subscriber.email not in copies
    assert copies == Counter({a: 1 for a in ADDRESSES if a != interrupted.subscriber.email})
    assert interrupted.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    send.refresh_from_db()
    assert send.finished_at is not None


def test_claims_left_by_a_dead_worker_are_taken_over_after_the_lease(
    mailer, small_batches, subscribers, issue, staff
):
    PLAN.reset(fail_after=0, mode="crash_after_delivery")
    send = issue_send_start(issue_id=issue.pk, by=staff)
    assert _statuses(send)[DeliveryStatus.CLAIMED] == 2

    # A later batch, past the lease, without anyone pressing Resume.
    later = timezone.now() + sending.CLAIM_LEASE + timedelta(seconds=1)
    while not send_batch_process(send_id=send.pk, at=later).is_finished:
        pass

    assert _copies(mailer) == Counter(dict.fromkeys(ADDRESSES, 1))
    assert _statuses(send) == Counter({DeliveryStatus.SENT: 6, DeliveryStatus.UNCONFIRMED: 1})


def test_claims_still_within_their_lease_are_left_alone(
    mailer, small_batches, subscribers, issue, staff
):
    PLAN.reset(fail_after=0, mode="crash_after_delivery")
    send = issue_send_start(issue_id=issue.pk, by=staff)
    claimed = set(
        send.deliveries.filter(status=DeliveryStatus.CLAIMED).values_list("pk", flat=True)
    )

    while send_batch_process(send_id=send.pk).claimed:
        pass

    still = set(send.deliveries.filter(status=DeliveryStatus.CLAIMED).values_list("pk", flat=True))
    assert still == claimed
    assert sum(_copies(mailer).values()) == 5


@pytest.mark.usefixtures("small_batches")
def test_someone_who_unsubscribes_before_their_turn_is_skipped(
    mailer, subscribers, issue, staff, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send = issue_send_start(issue_id=issue.pk, by=staff)  # queued, not yet sent
    subscriber_unsubscribe(public_id=subscribers[3].public_id, source="one-click")

    while not send_batch_process(send_id=send.pk).is_finished:
        pass

    copies = _copies(mailer)
    assert ADDRESSES[3] not in copies
    assert sum(copies.values()) == 6
    assert _statuses(send) == Counter({DeliveryStatus.SENT: 6, DeliveryStatus.SKIPPED: 1})


def test_an_issue_is_sent_only_once(mailer, subscribers, issue, staff):
    issue_send_start(issue_id=issue.pk, by=staff)

    with pytest.raises(ValidationError, match="already been sent"):
        issue_send_start(issue_id=issue.pk, by=staff)

    assert Send.objects.count() == 1
    assert sum(_copies(mailer).values()) == 7


def test_the_database_refuses_a_second_delivery_of_an_issue_to_one_subscriber(
    mailer, subscribers, issue, staff
):
    send = issue_send_start(issue_id=issue.pk, by=staff)

    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(send=send, issue=issue, subscriber=subscribers[0])


def test_two_workers_claiming_at_once_get_separate_rows(
    race_database, confirmed_subscriber, staff, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for n in range(12):
        confirmed_subscriber(f"runner{n}@example.com")
    issue = issue_create(subject="Claims", preheader="", body_markdown="Hello.", by=staff)
    send = issue_send_start(issue_id=issue.pk, by=staff)
    barrier = threading.Barrier(2)
    claims: list[list[int]] = []

    def worker() -> None:
        try:
            barrier.wait()
            _, ids = sending._claim(send_id=send.pk, batch_size=5, at=timezone.now())
            claims.append(ids)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [len(ids) for ids in claims] == [5, 5]
    assert set(claims[0]).isdisjoint(claims[1])
    assert send.deliveries.filter(status=DeliveryStatus.CLAIMED).count() == 10
    tokens = set(
        send.deliveries.filter(status=DeliveryStatus.CLAIMED).values_list("claim_token", flat=True)
    )
    assert len(tokens) == 2
