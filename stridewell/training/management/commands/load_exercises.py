"""`manage.py load_exercises [--file PATH] [--check]`: load the exercise library and ladders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stridewell.training.library_data import DATA_FILE, LibraryDataError, library_data_read
from stridewell.training.library_loader import library_load


class Command(BaseCommand):
    help = (
        "Load the exercise library and progression ladders from the data file. Safe to run "
        "again: rows are updated in place, and anything no longer in the file is unpublished. "
        "Every ladder is checked first; a broken file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="YAML data file.")
        parser.add_argument(
            "--check", action="store_true", help="Only check the file; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = library_data_read(path)
        except LibraryDataError as exc:
            count = len(exc.problems)
            listed = "\n".join(f"  - {p}" for p in exc.problems)
            noun = "problem" if count == 1 else "problems"
            raise CommandError(f"{path} has {count} {noun}; nothing was loaded:\n{listed}") from exc
        if options["check"]:
            self.stdout.write(
                f"{path} is valid: {len(data.exercises)} exercises, {len(data.ladders)} ladders."
            )
            return
        report = library_load(data=data)
        self.stdout.write(self.style.SUCCESS(f"Loaded {path.name}. {report.summary()}."))
