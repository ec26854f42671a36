"""Send the reminder e-mails that are due. Run it every few minutes (cron, systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from stridewell.booking.services.reminders import reminders_send_due


class Command(BaseCommand):
    help = (
        "Send appointment reminders that are due (24 hours before). Idempotent: a reminder is "
        "sent once however often this runs, alongside any deferred reminder tasks."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send_due()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
