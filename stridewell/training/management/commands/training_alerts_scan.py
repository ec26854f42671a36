"""Raise "two sessions missed" alerts for every active programme; schedule it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stridewell.core.time import now_london
from stridewell.training.services_alerts import alerts_missed_sessions_scan


class Command(BaseCommand):
    help = "Alert physios about runners two planned sessions behind (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        alerts = alerts_missed_sessions_scan(today=now_london().date())
        self.stdout.write(f"{len(alerts)} missed-session alert(s) raised.")
