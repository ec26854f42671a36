"""Load the demo clinic, people, library, articles, programmes, plans and diary.

Safe to run any number of times: each seed creates only what is missing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PASSWORD = "stridewell-demo"  # noqa: S105 — demo data only; refused in production


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo clinic and everything that hangs off it."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is disabled here (DEMO_DATA_ALLOWED is off, as in production). "
                "Demo accounts have a published password and must never exist on a real site."
            )
        from stridewell.accounts.demo import seed_accounts_demo
        from stridewell.accounts.models import PractitionerProfile
        from stridewell.booking.demo import seed_booking_demo
        from stridewell.clinic.demo import seed_clinic_demo
        from stridewell.enquiries.demo import seed_enquiries_demo
        from stridewell.journal.demo import seed_journal_demo
        from stridewell.newsletter.demo import seed_newsletter_demo
        from stridewell.outcomes.demo import seed_outcomes_demo
        from stridewell.planner.demo import seed_planner_demo
        from stridewell.training.demo_library import seed_training_library_demo
        from stridewell.training.demo_runner import seed_training_runner_demo

        with transaction.atomic():
            users = seed_accounts_demo()
            physios = [user for user in users.values() if user.is_physio]
            runner = users["runner@stridewell.test"]
            physio = users["physio@stridewell.test"]
            seed_clinic_demo(physios=physios)
            seed_training_library_demo()
            seed_training_runner_demo(runner=runner, physio=physio)
            seed_outcomes_demo(runner=runner)
            seed_planner_demo(runner=runner)
            seed_booking_demo()
            authors = list(PractitionerProfile.objects.filter(is_active=True).order_by("pk"))
            seed_journal_demo(authors=authors)
            seed_newsletter_demo(author=users["staff@stridewell.test"])
            seed_enquiries_demo(answerer=physio)

        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for email, user in sorted(users.items()):
            self.stdout.write(f"  {email:<28} {user.get_role_display()}")
