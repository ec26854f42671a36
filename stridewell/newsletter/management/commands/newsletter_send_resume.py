"""Resume newsletter sends interrupted by a crash or a mail-server outage."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stridewell.newsletter.models import Send
from stridewell.newsletter.sending import send_resume


class Command(BaseCommand):
    help = (
        "Resume unfinished newsletter sends. Messages that may already have gone out are "
        "never sent again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", type=int, help="Only this send (its id).")

    def handle(self, *args: Any, **options: Any) -> None:
        sends = Send.objects.filter(finished_at__isnull=True)
        if options["send"]:
            sends = sends.filter(pk=options["send"])
        resumed = 0
        for send in sends:
            waiting = send_resume(send_id=send.pk)
            self.stdout.write(f"Send {send.pk}: {waiting} message(s) queued again.")
            resumed += 1
        if not resumed:
            self.stdout.write("No unfinished sends.")
