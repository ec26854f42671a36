"""The footer contract: four lazy keys, loaded once per request in at most four queries."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from stridewell.clinic.context_processors import clinic
from stridewell.clinic.services import closure_create, oncall_shift_create

DASH = "\u2013"
LONDON = ZoneInfo("Europe/London")
# A Thursday evening after closing, while the on-call shift below is running.
CHRISTMAS_EVE_9PM = datetime(2099, 12, 24, 21, tzinfo=LONDON)


@pytest.fixture
def busy_clinic(profile, stations, usual_week, physio):
    closure_create(
        start_date=date(2099, 12, 25), end_date=date(2099, 12, 25), reason="Christmas Day"
    )
    oncall_shift_create(physio=physio, date=date(2099, 12, 24), starts=time(20), ends=time(22))
    return profile


@pytest.mark.django_db
def test_the_four_keys_cost_four_queries_together(
    rf, busy_clinic, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.now", lambda: CHRISTMAS_EVE_9PM)
    context = clinic(rf.get("/"))

    with django_assert_num_queries(4):
        assert context["clinic"].name == "Stridewell Sports Physiotherapy"
        assert [(s.name, s.lines, s.walking_minutes) for s in context["clinic_stations"]] == [
            ("Borough", "Northern", 3),
            ("London Bridge", "Jubilee, Northern, National Rail", 8),
        ]
        assert [row.ranges_text for row in context["clinic_hours"]] == [
            *[f"07:00{DASH}20:00"] * 5,
            f"08:00{DASH}14:00",
            "Closed",
        ]
        assert [row.day_name for row in context["clinic_hours"] if row.is_today] == ["Thursday"]
        status = context["clinic_status"]
        assert (
            status.is_open,
            status.is_emergency_cover,
            status.closes_at,
            status.next_opens_at,
        ) == (
            False,
            True,
            None,
            datetime(2099, 12, 26, 8, tzinfo=LONDON),
        )
        assert status.label == "Closed · opens Sat 08:00"


@pytest.mark.django_db
def test_nothing_is_read_until_a_template_uses_a_key(rf, busy_clinic, django_assert_num_queries):
    with django_assert_num_queries(0):
        clinic(rf.get("/"))


@pytest.mark.django_db
def test_a_second_template_in_the_same_request_reads_nothing_more(
    rf, busy_clinic, django_assert_num_queries
):
    request = rf.get("/")
    list(clinic(request)["clinic_stations"])

    with django_assert_num_queries(0):
        again = clinic(request)
        assert again["clinic"].phone_e164 == "+442079460321"
        assert again["clinic_status"].label


@pytest.mark.django_db
def test_without_a_profile_the_keys_are_empty_and_falsy(rf):
    context = clinic(rf.get("/"))

    assert not context["clinic"]
    assert not context["clinic_status"]
    assert list(context["clinic_stations"]) == []
    assert [row.ranges_text for row in context["clinic_hours"]] == ["Closed"] * 7


@pytest.mark.django_db
def test_templates_see_the_keys(rf, busy_clinic):
    from django.template import engines

    template = engines["django"].from_string(
        "{% if clinic %}{{ clinic.name }}|"
        "{% for s in clinic_stations %}{{ s.name }};{% endfor %}|"
        "{{ clinic_hours.6.ranges_text }}|"
        "{{ clinic_status.is_open|yesno:'open,closed' }}{% endif %}"
    )

    rendered = template.render({}, rf.get("/"))

    name, stations, sunday, state = rendered.split("|")
    assert (name, stations, sunday) == (
        "Stridewell Sports Physiotherapy",
        "Borough;London Bridge;",
        "Closed",
    )
    assert state in ("open", "closed")
