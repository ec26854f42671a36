"""Delete newsletter sign-ups that were never confirmed (run daily from cron)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stridewell.newsletter.services import UNCONFIRMED_KEPT_FOR, subscriber_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete sign-ups never confirmed: without confirmation we have no consent to keep them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=UNCONFIRMED_KEPT_FOR.days,
            help=f"Age in days (default {UNCONFIRMED_KEPT_FOR.days}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = subscriber_purge_unconfirmed(older_than=timedelta(days=options["days"]))
        self.stdout.write(f"Removed {removed} unconfirmed sign-up(s).")
