"""Delete expired holds and week-old idempotency records. Run it daily (or more often)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stridewell.booking.services.housekeeping import booking_tidy


class Command(BaseCommand):
    help = "Delete expired slot holds and idempotency records older than a week."

    def handle(self, *args: Any, **options: Any) -> None:
        tidied = booking_tidy()
        self.stdout.write(
            f"Deleted {tidied.holds} expired hold(s) and "
            f"{tidied.idempotency_records} old idempotency record(s)."
        )
