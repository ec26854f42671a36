"""Races between real threads with their own database connections.

On PostgreSQL the losers wait on row locks (SELECT … FOR UPDATE); on SQLite they wait for
the write lock that IMMEDIATE transactions take at BEGIN (see the `race_database` fixture).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connections, transaction

from stridewell.newsletter.discounts import DiscountError, discount_redeem
from stridewell.newsletter.models import Consent, DiscountCode, Subscriber
from stridewell.newsletter.services import subscriber_confirm, subscriber_subscribe
from stridewell.newsletter.tokens import confirm_token_make

HOLD_SECONDS = 0.3


def _run_together(work: Callable[[int], Any], count: int = 2) -> list[tuple[str, Any]]:
    """Start `count` threads at the same moment; collect ("ok", value) or ("error", exc)."""
    barrier = threading.Barrier(count)
    results: list[tuple[str, Any]] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            barrier.wait()
            value = work(index)
            outcome: tuple[str, Any] = ("ok", value)
        except Exception as exc:
            outcome = ("error", exc)
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_bookings_racing_with_one_code_exactly_one_gets_the_discount(race_database):
    subscriber = subscriber_subscribe(email="ada@example.com", source="footer").subscriber
    subscriber_confirm(token=confirm_token_make(subscriber.public_id))
    code = DiscountCode.objects.get().code

    def book(index: int) -> str:
        with transaction.atomic():  # the booking's own transaction
            redemption = discount_redeem(code=code, reference=f"appointment-{index}")
            time.sleep(HOLD_SECONDS)  # the booking does more work while holding the lock
            return redemption.reference

    results = _run_together(book)

    successes = [value for kind, value in results if kind == "ok"]
    failures = [value for kind, value in results if kind == "error"]
    assert len(successes) == 1, results
    assert len(failures) == 1, results
    assert isinstance(failures[0], DiscountError), failures
    assert failures[0].code == "used"
    stored = DiscountCode.objects.get()
    assert stored.reference == successes[0]


def test_two_confirmations_racing_issue_one_code(race_database):
    subscriber = subscriber_subscribe(email="ada@example.com", source="footer").subscriber
    token = confirm_token_make(subscriber.public_id)

    results = _run_together(lambda index: subscriber_confirm(token=token).status)

    assert sorted(value for _, value in results) == ["already_confirmed", "confirmed"], results
    assert DiscountCode.objects.count() == 1
    assert Consent.objects.filter(event="confirmed").count() == 1


def test_two_sign_ups_racing_for_one_address_make_one_subscriber(race_database):
    results = _run_together(
        lambda index: subscriber_subscribe(email="ada@example.com", source=f"form-{index}").action
    )

    assert [kind for kind, _ in results] == ["ok", "ok"], results
    assert Subscriber.objects.count() == 1
    assert Consent.objects.filter(event="given").count() == 2
