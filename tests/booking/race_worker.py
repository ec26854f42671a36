"""Run a booking race on an SQLite file in this process (started by test_concurrency.py).

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m tests.booking.race_worker migrate
    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m tests.booking.race_worker CLIENTS N WHO PATH

The first form only migrates (a template copied for each race); the second prints the result
as JSON on its last line.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("STRIDEWELL_TESTING", "1")
    os.environ.setdefault("EMAIL_URL", "locmem://")
    import django

    django.setup()
    from tests.support.clock import pinned_clock

    with pinned_clock():  # the same pinned instant as the test that started this process
        _run()


def _run() -> None:
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from stridewell.booking.models import Appointment
    from tests.booking.race import confirm_race, race, seed

    if sys.argv[1] == "migrate":
        call_command("migrate", verbosity=0)
        return
    clients, practitioners, who, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    setup_test_environment()
    seed(practitioners=practitioners)
    if path == "confirm":
        print(json.dumps(confirm_race(clients=clients)))
        return
    result = race(clients=clients, practitioner=who, path=path)
    result["rows"] = list(
        Appointment.objects.order_by("practitioner__slug").values_list(
            "practitioner__slug", "status"
        )
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
