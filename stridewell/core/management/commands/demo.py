"""Load the demo clinic, practitioners and runners. Safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PASSWORD = "stridewell-demo"  # noqa: S105 — demo data only; refused in production


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo clinic, staff, physios and runners."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is disabled here (DEMO_DATA_ALLOWED is off, as in production). "
                "Demo accounts have a published password and must never exist on a real site."
            )
        from stridewell.accounts.demo import seed_accounts_demo
        from stridewell.clinic.demo import seed_clinic_demo

        with transaction.atomic():
            users = seed_accounts_demo()
            physios = [user for user in users.values() if user.is_physio]
            seed_clinic_demo(physios=physios)

        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for email, user in sorted(users.items()):
            self.stdout.write(f"  {email:<28} {user.get_role_display()}")
