"""Sending an issue in background batches, at most once per subscriber, even across crashes.

Each Delivery row moves one way through these states, and every move is a conditional UPDATE
that commits at once:

    pending → claimed (a worker took it, with its own claim token)
            → sending (committed *before* the message is handed to the mail server)
            → sent | failed | unconfirmed

* Claiming uses `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so several workers share the
  queue without waiting on each other; on SQLite the IMMEDIATE transaction serialises them.
* A worker only moves rows that still carry its token, so a claim released behind its back
  (lease expired, staff pressed Resume) can never be sent by two workers.
* A row found in `sending` after a crash may or may not have reached the mail server. It is
  marked `unconfirmed` and never sent again: a missing copy is better than a duplicate.
* Claimed rows of a crashed worker go back to `pending` and are sent by the next batch.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.core import mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stridewell.newsletter.emails import issue_message_build
from stridewell.newsletter.models import Delivery, DeliveryStatus, IssueStatus, Send

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
CLAIM_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 3
IN_FLIGHT = (DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING)


class SendInterruptedError(Exception):
    """The mail server stopped cooperating; the rest of the batch went back to the queue."""


@dataclass
class BatchOutcome:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    unconfirmed: int = 0
    requeued: int = 0
    remaining: int = 0
    is_finished: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return asdict(self)


def _move(pk: int, token: uuid.UUID, from_status: str, **changes: object) -> bool:
    """Move one row out of `from_status` if this worker still holds it. Commits at once."""
    moved = Delivery.objects.filter(pk=pk, claim_token=token, status=from_status).update(**changes)
    return moved == 1


def _release(token: uuid.UUID) -> int:
    return Delivery.objects.filter(claim_token=token, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.PENDING, claim_token=None, claimed_at=None
    )


def _claim(*, send_id: int, batch_size: int, at: datetime) -> tuple[uuid.UUID, list[int]]:
    token = uuid.uuid4()
    with transaction.atomic():
        # skip_locked: other workers' claims are passed over, not waited for (PostgreSQL).
        # SQLite has no row locks; its IMMEDIATE transaction already holds the write lock.
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(send_id=send_id, status=DeliveryStatus.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.CLAIMED,
            claim_token=token,
            claimed_at=at,
            attempts=F("attempts") + 1,
        )
    return token, ids


def _recover(*, send_id: int, older_than: datetime) -> None:
    """Release claims and settle in-flight rows left by workers that stopped before `older_than`."""
    stale = Delivery.objects.filter(send_id=send_id, claimed_at__lt=older_than)
    stale.filter(status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.PENDING, claim_token=None, claimed_at=None
    )
    stale.filter(status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.UNCONFIRMED,
        error="The sender stopped while handing this message to the mail server.",
    )


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _deliver(*, send: Send, token: uuid.UUID, ids: list[int], outcome: BatchOutcome) -> None:
    rows = (
        Delivery.objects.filter(pk__in=ids, claim_token=token, status=DeliveryStatus.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )
    mailer = mail.mailers.default
    try:
        mailer.open()
    except Exception as exc:
        _release(token)
        raise SendInterruptedError(f"could not reach the mail server: {_short(exc)}") from exc
    try:
        for row in rows:
            _deliver_one(send=send, row=row, token=token, mailer=mailer, outcome=outcome)
    finally:
        mailer.close()


def _deliver_one(
    *, send: Send, row: Delivery, token: uuid.UUID, mailer: object, outcome: BatchOutcome
) -> None:
    subscriber = row.subscriber
    if subscriber is None or not subscriber.is_confirmed:
        if _move(row.pk, token, DeliveryStatus.CLAIMED, status=DeliveryStatus.SKIPPED):
            outcome.skipped += 1
        return
    message = issue_message_build(issue=send.issue, subscriber=subscriber)
    if not _move(row.pk, token, DeliveryStatus.CLAIMED, status=DeliveryStatus.SENDING):
        return  # released or erased behind our back: no longer ours to send
    try:
        mailer.send_messages([message])  # type: ignore[attr-defined]
    except smtplib.SMTPRecipientsRefused as exc:
        _move(
            row.pk, token, DeliveryStatus.SENDING, status=DeliveryStatus.FAILED, error=_short(exc)
        )
        outcome.failed += 1
    except smtplib.SMTPResponseException as exc:
        # The server answered "no" to this message, so it did not go out.
        if exc.smtp_code >= 500 or row.attempts >= MAX_ATTEMPTS:
            _move(
                row.pk,
                token,
                DeliveryStatus.SENDING,
                status=DeliveryStatus.FAILED,
                error=_short(exc),
            )
            outcome.failed += 1
            return
        # 4xx: "try later". Put it back and stop; the next batch retries.
        _move(
            row.pk, token, DeliveryStatus.SENDING,
            status=DeliveryStatus.PENDING, claim_token=None, claimed_at=None, error=_short(exc),
        )  # fmt: skip
        outcome.requeued += 1 + _release(token)
        raise SendInterruptedError(f"the mail server asked us to wait: {_short(exc)}") from exc
    except Exception as exc:
        # A dropped connection or timeout mid-message: it may have been delivered.
        _move(
            row.pk, token, DeliveryStatus.SENDING,
            status=DeliveryStatus.UNCONFIRMED, error=_short(exc),
        )  # fmt: skip
        outcome.unconfirmed += 1
        outcome.requeued += _release(token)
        raise SendInterruptedError(f"the mail server connection failed: {_short(exc)}") from exc
    else:
        _move(
            row.pk,
            token,
            DeliveryStatus.SENDING,
            status=DeliveryStatus.SENT,
            sent_at=timezone.now(),
        )
        outcome.sent += 1


def send_finish_if_done(*, send_id: int, at: datetime | None = None) -> bool:
    """Close the send (and mark the issue sent) once no delivery is still in flight."""
    with transaction.atomic():
        send = Send.objects.select_for_update().select_related("issue").get(pk=send_id)
        if send.finished_at is not None:
            return True
        if Delivery.objects.filter(send_id=send_id, status__in=IN_FLIGHT).exists():
            return False
        at = at or timezone.now()
        send.finished_at = at
        send.save(update_fields=["finished_at"])
        send.issue.status = IssueStatus.SENT
        send.issue.sent_at = at
        send.issue.save(update_fields=["status", "sent_at"])
    logger.info("newsletter send %s finished", send_id)
    return True


def send_batch_process(
    *, send_id: int, batch_size: int | None = None, at: datetime | None = None
) -> BatchOutcome:
    """Send one batch: recover stale rows, claim up to `batch_size`, deliver them one by one.

    Raises SendInterruptedError when the mail server fails; what was not sent is back in the
    queue (or, if it might have gone out, marked unconfirmed).
    """
    at = at or timezone.now()
    _recover(send_id=send_id, older_than=at - CLAIM_LEASE)
    token, ids = _claim(send_id=send_id, batch_size=batch_size or BATCH_SIZE, at=at)
    outcome = BatchOutcome(claimed=len(ids))
    if ids:
        send = Send.objects.select_related("issue").get(pk=send_id)
        _deliver(send=send, token=token, ids=ids, outcome=outcome)
    outcome.remaining = Delivery.objects.filter(
        send_id=send_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.CLAIMED]
    ).count()
    outcome.is_finished = send_finish_if_done(send_id=send_id)
    return outcome


def send_resume(*, send_id: int) -> int:
    """After a crash: settle every in-flight row now and restart the batches.

    Safe even if a worker is in fact still running: its rows change hands only through the
    token-checked moves above, so nobody is sent the issue twice. Returns rows re-queued.
    """
    _recover(send_id=send_id, older_than=timezone.now() + timedelta(seconds=1))
    waiting = Delivery.objects.filter(send_id=send_id, status=DeliveryStatus.PENDING).count()
    if waiting:
        send_batches_start(send_id=send_id)
    else:
        send_finish_if_done(send_id=send_id)
    return waiting


def send_batches_start(*, send_id: int) -> None:
    from stridewell.newsletter.tasks import newsletter_send_batch

    try:
        newsletter_send_batch.enqueue(send_id=send_id)
    except Exception:
        # Already committed; staff can press Resume. Log loudly so someone does.
        logger.exception("could not queue newsletter send %s", send_id)
