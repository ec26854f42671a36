"""`manage.py load_questionnaires [--file PATH ...] [--check]`: load outcome questionnaires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from stridewell.outcomes.data_files import (
    DATA_DIR,
    QuestionnaireFileError,
    data_files,
    questionnaire_files_read,
)
from stridewell.outcomes.services import questionnaires_load


class Command(BaseCommand):
    help = (
        "Load outcome questionnaires from their data files (YAML or JSON; the format is in "
        "docs/outcome-questionnaires.md). Without --file, every file in the app's data folder. "
        "Safe to run again: an unchanged file changes nothing. Every file is checked first; "
        "one broken file means nothing is loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, action="append", dest="files", help="A questionnaire file "
            "(repeat for several)."
        )  # fmt: skip
        parser.add_argument(
            "--check", action="store_true", help="Only check the files; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["files"] or data_files(DATA_DIR)
        try:
            specs = questionnaire_files_read(paths)
        except QuestionnaireFileError as exc:
            count = len(exc.problems)
            listed = "\n".join(f"  - {p}" for p in exc.problems)
            noun = "problem" if count == 1 else "problems"
            raise CommandError(f"{count} {noun}; nothing was loaded:\n{listed}") from exc
        if options["check"]:
            names = ", ".join(f"{s.key} ({len(s.items)} items)" for s in specs)
            self.stdout.write(f"Valid: {names}.")
            return
        try:
            report = questionnaires_load(specs=specs)
        except ValidationError as exc:
            listed = "\n".join(f"  - {m}" for m in exc.messages)
            raise CommandError(f"Nothing was loaded:\n{listed}") from exc
        self.stdout.write(self.style.SUCCESS(f"Questionnaires: {report.summary()}."))
