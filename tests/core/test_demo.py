"""`manage.py demo` is what `make run` uses: it must be idempotent and refuse in production."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

DEMO_EMAILS = {
    "runner@stridewell.test",
    "runner2@stridewell.test",
    "physio@stridewell.test",
    "staff@stridewell.test",
}


def _row_counts() -> dict[str, int]:
    labels = ["accounts", "clinic", "training", "planner", "booking", "journal"]
    labels += ["newsletter", "enquiries", "outcomes"]
    models = [model for label in labels for model in apps.get_app_config(label).get_models()]
    return {model._meta.label: model._default_manager.count() for model in models}


@pytest.mark.django_db
def test_demo_creates_the_documented_logins_and_three_practitioners():
    from stridewell.accounts.models import PractitionerProfile, User

    call_command("demo", stdout=io.StringIO())

    emails = set(User.objects.values_list("email", flat=True))
    assert emails >= DEMO_EMAILS
    for email in DEMO_EMAILS:
        assert User.objects.get(email=email).check_password("stridewell-demo")
    assert PractitionerProfile.objects.filter(is_active=True).count() == 3
    staff = User.objects.get(email="staff@stridewell.test")
    assert staff.is_staff
    assert staff.role == "staff"


@pytest.mark.django_db
def test_demo_twice_changes_nothing(capsys):
    call_command("demo")
    first = _row_counts()
    call_command("demo")
    second = _row_counts()
    assert first == second
    assert first["clinic.ClinicProfile"] == 1
    # Every part of the product has something to show.
    for label in (
        "training.Exercise",
        "training.Session",
        "planner.Plan",
        "booking.Appointment",
        "journal.Article",
        "outcomes.Response",
    ):
        assert first[label] > 0, label
    assert "runner@stridewell.test" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_refuses_when_demo_data_is_not_allowed(settings):
    from stridewell.accounts.models import User

    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command("demo")
    assert not User.objects.exists()
