"""`manage.py import_bank_holidays [--years 2026 2027]`: close the clinic on bank holidays."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stridewell.clinic.selectors import clinic_today
from stridewell.clinic.services import bank_holidays_import


class Command(BaseCommand):
    help = "Add England & Wales bank holidays as clinic closures (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            metavar="YEAR",
            help="Years to import (default: this year and next).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        this_year = clinic_today().year
        years: list[int] = options["years"] or [this_year, this_year + 1]
        if any(not 2000 <= year <= 2100 for year in years):
            raise CommandError("Years must be between 2000 and 2100.")
        added = bank_holidays_import(years=years)
        for closure in added:
            self.stdout.write(f"Added {closure.start_date.isoformat()} {closure.reason}")
        span = ", ".join(str(year) for year in sorted(set(years)))
        if added:
            self.stdout.write(self.style.SUCCESS(f"{len(added)} bank holiday(s) added for {span}."))
        else:
            self.stdout.write(f"No new bank holidays for {span}: they were already imported.")
