"""Reads of the access log: a runner's own entries, and the CSV export for clinic staff."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet

from stridewell.accounts.models import User
from stridewell.training.models import AccessLog

ACCOUNT_PAGE_LIMIT = 100
CSV_HEADER = ("when (UTC)", "who", "e-mail", "role", "what", "object", "from address")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


# Plain English for the runner's page, by the code's first part (the CSV keeps the codes).
AREAS = {
    "training": "your training",
    "outcomes": "your questionnaires",
    "booking": "your appointments",
    "planner": "your marathon plan",
    "admin": "your records (clinic admin)",
}


def what_label(what: str) -> str:
    """`booking.move` -> "your appointments (move)"; an unknown area is shown as it is."""
    area, _, detail = what.partition(".")
    label = AREAS.get(area)
    if label is None:
        return what
    return f"{label} ({detail.replace('_', ' ')})" if detail else label


def access_log_for_runner(runner: User) -> QuerySet[AccessLog]:
    """Everyone else's reads and writes of `runner`'s data, newest first."""
    return AccessLog.objects.filter(runner=runner).order_by("-at", "-id")


def csv_cell(value: object) -> str:
    """The text of one CSV cell, made inert if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_LEADS) else text


def _rows(entries: Iterable[AccessLog]) -> Iterable[tuple[object, ...]]:
    for entry in entries:
        yield (
            entry.at.isoformat(),
            entry.viewer_id or "",
            entry.viewer_email,
            entry.viewer_role,
            entry.what,
            entry.obj,
            entry.ip or "",
        )


def access_log_csv(runner: User) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in _rows(access_log_for_runner(runner).iterator()):
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()
