"""The double-booking guard: PostgreSQL exclusion constraints, SQLite triggers.

See stridewell/booking/db.py for why it is a custom operation rather than Meta.constraints.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from stridewell.booking.db import AddNoOverlapGuard


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
    ]

    operations = [
        # Skipped on SQLite by Django itself; gist needs it for "practitioner_id WITH =".
        BtreeGistExtension(),
        AddNoOverlapGuard(
            model_name="appointment", field="practitioner", name="booking_no_practitioner_overlap"
        ),
        AddNoOverlapGuard(model_name="appointment", field="room", name="booking_no_room_overlap"),
    ]
