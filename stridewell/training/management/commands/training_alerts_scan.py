"""Raise "two sessions missed" and plateau "review" alerts for every active programme;
schedule it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stridewell.core.time import now_london
from stridewell.training.services_alerts import alerts_missed_sessions_scan
from stridewell.training.services_plateau import alerts_plateau_scan


class Command(BaseCommand):
    help = (
        "Alert physios about runners two planned sessions behind, and exercises on a plateau "
        "(idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = now_london().date()
        alerts = alerts_missed_sessions_scan(today=today)
        self.stdout.write(f"{len(alerts)} missed-session alert(s) raised.")
        plateaus = alerts_plateau_scan(today=today)
        self.stdout.write(f"{len(plateaus)} plateau review alert(s) raised.")
