"""The database guard against double booking, per database vendor (used by migration 0002).

PostgreSQL gets an exclusion constraint (btree_gist): no two rows in a blocking status may
share a practitioner (or a room) and overlap on the half-open `tstzrange(blocked_start,
blocked_end, '[)')`. Half-open ranges are what make back-to-back appointments legal.

SQLite has no exclusion constraints, so BEFORE INSERT/UPDATE triggers abort the statement when
an overlapping blocking row exists. The services also serialise writers (SQLite's IMMEDIATE
transactions) and re-check availability first, so the triggers are a backstop that catches any
path which skips the services, including `Appointment.objects.create` and raw SQL.

The guard is not declared in the model's Meta: Django cannot create an ExclusionConstraint on
SQLite, and would rebuild SQLite tables with it during later migrations. A later migration that
rebuilds `booking_appointment` on SQLite (e.g. altering a column) drops triggers, so it must
re-run `AddNoOverlapGuard`; `tests/booking/test_constraints.py` checks the guard exists.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import NotSupportedError, OperationalError, connection
from django.db.migrations.operations.base import Operation
from django.db.models import F, Func, Q

BLOCKING = ("held", "pending", "confirmed", "arrived")
OVERLAP_MESSAGE = "booking_overlap"  # appears in the IntegrityError raised by either guard


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _exclusion(name: str, column: str) -> ExclusionConstraint:
    condition = Q(status__in=BLOCKING)
    if column == "room":
        condition &= Q(room__isnull=False)
    return ExclusionConstraint(
        name=name,
        index_type="gist",
        expressions=[
            (F(column), RangeOperators.EQUAL),
            (TsTzRange("blocked_start", "blocked_end", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=condition,
        violation_error_message="This time overlaps another booking.",
    )


def _sqlite_trigger(name: str, table: str, column: str, event: str) -> str:
    statuses = ", ".join(f"'{s}'" for s in BLOCKING)
    not_self = "AND other.id <> NEW.id" if event == "UPDATE" else ""
    # Django stores SQLite datetimes as UTC text in one fixed format, so text order is time order.
    # Every name here comes from the migration, never from user input.
    return f"""
CREATE TRIGGER {name}_{event.lower()} BEFORE {event} ON {table}
FOR EACH ROW WHEN NEW.status IN ({statuses}) AND NEW.{column} IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, '{OVERLAP_MESSAGE}: {name}')
    WHERE EXISTS (
        SELECT 1 FROM {table} AS other
        WHERE other.{column} = NEW.{column}
          AND other.status IN ({statuses})
          AND other.blocked_start < NEW.blocked_end
          AND NEW.blocked_start < other.blocked_end
          {not_self}
    );
END"""  # noqa: S608


class AddNoOverlapGuard(Operation):
    """No two blocking rows may overlap for the same value of `field` (a foreign key)."""

    reversible = True

    def __init__(self, *, model_name: str, field: str, name: str) -> None:
        self.model_name = model_name
        self.field = field
        self.name = name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"model_name": self.model_name, "field": self.field, "name": self.name}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass  # the guard lives only in the database (see the module docstring)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.add_constraint(model, _exclusion(self.name, self.field))
        elif vendor == "sqlite":
            column = model._meta.get_field(self.field).column
            for event in ("INSERT", "UPDATE"):
                schema_editor.execute(
                    _sqlite_trigger(self.name, model._meta.db_table, column, event)
                )
        else:
            raise NotSupportedError(f"No double-booking guard for the {vendor} database.")

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.remove_constraint(model, _exclusion(self.name, self.field))
        elif vendor == "sqlite":
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.name}_{event}")

    def describe(self) -> str:
        return f"Guard {self.model_name} against overlapping bookings per {self.field}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.name}_guard"


def is_deadlock(exc: BaseException) -> bool:
    """PostgreSQL aborted one of two inserts that were each waiting on the other's check.

    Two transactions inserting overlapping rows at once each find the other's uncommitted row
    and wait for it; PostgreSQL breaks the cycle by failing one of them (40P01). The survivor
    goes on to commit, so for the loser the slot is taken, exactly as with a plain conflict.
    """
    return getattr(exc.__cause__, "sqlstate", None) == "40P01"


def is_overlap_error(exc: BaseException) -> bool:
    """Did the database refuse a write because it would double-book?"""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == "23P01":  # PostgreSQL exclusion_violation
        return True
    return OVERLAP_MESSAGE in str(exc)


DEADLOCK_ATTEMPTS = 3


def retry_deadlocks[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Run a whole transaction again when PostgreSQL chose it as a deadlock victim.

    Only the outermost transaction can be retried (an inner savepoint shares the outer
    transaction's fate), so inside another atomic block the error is passed on.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(DEADLOCK_ATTEMPTS):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                last = attempt == DEADLOCK_ATTEMPTS - 1
                if not is_deadlock(exc) or connection.in_atomic_block or last:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper
