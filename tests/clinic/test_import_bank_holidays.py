"""`manage.py import_bank_holidays`: England & Wales bank holidays become one-day closures."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stridewell.clinic.models import Closure, ClosureSource
from stridewell.clinic.selectors import clinic_today


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_bank_holidays", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_adds_the_years_bank_holidays_and_says_what_it_added():
    output = run("--years", "2027")

    closures = list(
        Closure.objects.order_by("start_date").values_list(
            "start_date", "end_date", "reason", "source"
        )
    )
    assert closures[0] == (
        date(2027, 1, 1),
        date(2027, 1, 1),
        "New Year's Day",
        ClosureSource.BANK_HOLIDAY,
    )
    assert (
        date(2027, 3, 26),
        date(2027, 3, 26),
        "Good Friday",
        ClosureSource.BANK_HOLIDAY,
    ) in closures
    assert (
        date(2027, 12, 27),
        date(2027, 12, 27),
        "Christmas Day (observed)",
        ClosureSource.BANK_HOLIDAY,
    ) in closures
    assert len(closures) == output.count("Added ") == 10
    assert "Added 2027-08-30 Late Summer Bank Holiday" in output
    assert "10 bank holiday(s) added for 2027." in output


@pytest.mark.django_db
def test_running_twice_adds_nothing_new():
    run("--years", "2026", "2027")
    before = list(Closure.objects.values_list("pk", "start_date"))

    output = run("--years", "2026", "2027")

    assert list(Closure.objects.values_list("pk", "start_date")) == before
    assert output == "No new bank holidays for 2026, 2027: they were already imported.\n"


@pytest.mark.django_db
def test_a_manual_closure_on_a_bank_holiday_is_left_alone():
    Closure.objects.create(
        start_date=date(2026, 12, 25), end_date=date(2026, 12, 31), reason="Winter break"
    )

    run("--years", "2026")

    assert Closure.objects.filter(start_date=date(2026, 12, 25)).count() == 2
    assert (
        Closure.objects.get(start_date=date(2026, 12, 25), source=ClosureSource.MANUAL).reason
        == "Winter break"
    )


@pytest.mark.django_db
def test_default_years_are_this_year_and_next():
    this_year = clinic_today().year

    run()

    years = {day.year for day in Closure.objects.values_list("start_date", flat=True)}
    assert years == {this_year, this_year + 1}


@pytest.mark.django_db
def test_an_implausible_year_is_refused():
    with pytest.raises(CommandError, match="between 2000 and 2100"):
        run("--years", "26")
    assert Closure.objects.count() == 0
