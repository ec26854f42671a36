"""Who may open each private page: anonymous, the owner, another runner, an unrelated physio,
their physio and staff. Anyone who may not see a runner's data gets 404 (never 403), and every
read by a physio or staff member is in the access log."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse

from stridewell.training.models import AccessLog, Alert, Screening
from stridewell.training.services_screening import screening_record

from .conftest import MONDAY, URLCONF, check_in, learn_baseline, log

pytestmark = pytest.mark.urls(URLCONF)
WEEK2 = MONDAY + timedelta(days=7)
PAIN_REASON = "Your pain reached 6/10"


@pytest.fixture
def people(runner, other_runner, physio, other_physio, staff):
    return SimpleNamespace(
        runner=runner,
        other_runner=other_runner,
        physio=physio,
        other_physio=other_physio,
        staff=staff,
    )


@pytest.fixture
def world(people, library):
    runner, physio = people.runner, people.physio
    screening = screening_record(
        runner=runner, recorded_by=physio, day=MONDAY, age=35, sex="female", current_pain=0,
        today=MONDAY,
    ).screening  # fmt: skip
    entries = list(screening.programmes.get().entries.order_by("position"))
    learn_baseline(runner)
    session = log(runner, entries, WEEK2, pain=6).session
    check_in(runner, WEEK2 + timedelta(days=1))
    return SimpleNamespace(
        **vars(people),
        screening=screening,
        session=session,
        entry=entries[0],
        alert=Alert.objects.get(),
    )


def _as(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    return client


OWN_PAGES = [
    "training:dashboard",
    "training:session_log",
    "training:check_in",
    "training:timeline",
    "training:self_screen",
    "training:programme_print",
]


@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_pages_send_anonymous_visitors_to_log_in(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["training:dashboard", "training:timeline"])
def test_own_pages_show_the_owner_their_decisions(client, world, name):
    response = _as(client, world, "runner").get(reverse(name))
    assert response.status_code == 200
    assert PAIN_REASON in response.content.decode()


@pytest.mark.parametrize("name", ["training:dashboard", "training:timeline"])
def test_own_pages_never_show_another_runner_the_owners_data(client, world, name):
    response = _as(client, world, "other_runner").get(reverse(name))
    assert response.status_code == 200
    assert PAIN_REASON not in response.content.decode()
    assert "Amara" not in response.content.decode()


@pytest.mark.parametrize("who", ["physio", "other_physio", "staff"])
@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_pages_send_clinicians_to_the_physio_pages(client, world, who, name):
    response = _as(client, world, who).get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("training:physio_dashboard")


def _runner_pages(world):
    r = world.runner.pk
    return {
        "session": reverse("training:session_detail", args=[world.session.pk]),
        "screening": reverse("training:screening_detail", args=[world.screening.pk]),
        "physio_runner": reverse("training:physio_runner", args=[r]),
        "timeline_for": reverse("training:timeline_for", args=[r]),
        "print_for": reverse("training:programme_print_for", args=[r]),
        "assign": reverse("training:programme_assign", args=[r]),
    }


EXPECTED = {
    # page: (owner, other runner, unrelated physio, their physio, staff)
    "session": (200, 404, 404, 200, 200),
    "screening": (200, 404, 404, 200, 200),
    "physio_runner": (404, 404, 404, 200, 200),
    "timeline_for": (404, 404, 404, 200, 200),
    "print_for": (404, 404, 404, 200, 200),
    "assign": (404, 404, 404, 200, 200),
}
WHO = ("runner", "other_runner", "other_physio", "physio", "staff")


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_runner_specific_pages_answer_anonymous_with_a_log_in_redirect(client, world, page):
    response = client.get(_runner_pages(world)[page])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("who", WHO)
def test_runner_specific_pages_are_404_unless_allowed(client, world, page, who):
    response = _as(client, world, who).get(_runner_pages(world)[page])
    assert response.status_code == EXPECTED[page][WHO.index(who)]


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("who", ["physio", "staff"])
def test_every_clinician_read_is_audit_logged(client, world, page, who):
    before = AccessLog.objects.count()
    _as(client, world, who).get(_runner_pages(world)[page])
    entry = AccessLog.objects.order_by("-id").first()
    assert AccessLog.objects.count() == before + 1
    assert (entry.viewer, entry.runner, entry.viewer_role) == (
        getattr(world, who),
        world.runner,
        getattr(world, who).role,
    )


def test_the_owner_reading_their_own_data_is_not_logged(client, world):
    _as(client, world, "runner").get(_runner_pages(world)["session"])
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("runner", 404),
        ("other_runner", 404),
        ("other_physio", 404),
        ("physio", 200),
        ("staff", 200),
    ],
)
def test_only_who_may_view_a_runner_may_open_their_screening_form(client, world, who, status):
    # The same right as reading the runner (ADR 0014); the form shows only their name.
    response = _as(client, world, who).get(
        reverse("training:screening_new", args=[world.runner.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert PAIN_REASON not in response.content.decode()


def test_the_screening_form_for_someone_who_is_not_a_runner_is_404(client, world):
    url = reverse("training:screening_new", args=[world.staff.pk])
    assert _as(client, world, "physio").get(url).status_code == 404


@pytest.mark.parametrize(
    ("who", "status", "sees_alert"),
    [
        ("runner", 404, False),
        ("other_runner", 404, False),
        ("other_physio", 200, False),
        ("physio", 200, True),
        ("staff", 200, True),
    ],
)
def test_the_physio_dashboard_lists_only_their_runners_and_alerts(
    client, world, who, status, sees_alert
):
    response = _as(client, world, who).get(reverse("training:physio_dashboard"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert ("Pain above 5/10 during" in page) is sees_alert
        assert ("amara@example.test" in page or "Amara Okafor" in page) is sees_alert


def _posts(world):
    entry, alert = world.entry.pk, world.alert.pk
    return {
        "override": (reverse("training:override_set", args=[entry]), {"ohip-rung": "hip_clam"}),
        "clear": (reverse("training:override_clear", args=[entry]), {}),
        "acknowledge": (reverse("training:alert_acknowledge", args=[alert]), {}),
    }


@pytest.mark.parametrize("action", ["override", "clear", "acknowledge"])
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("runner", 404), ("other_runner", 404), ("other_physio", 404)],
)
def test_physio_actions_are_refused_to_everyone_else_and_change_nothing(
    client, world, action, who, status
):
    url, data = _posts(world)[action]
    response = _as(client, world, who).post(url, data)
    assert response.status_code == status
    world.entry.refresh_from_db()
    world.alert.refresh_from_db()
    assert world.entry.is_overridden is False
    assert world.alert.acknowledged_at is None


@pytest.mark.parametrize("who", ["physio", "staff"])
def test_their_physio_and_staff_can_override_and_acknowledge(client, world, who):
    _as(client, world, who)
    url, data = _posts(world)["override"]
    assert client.post(url, data).status_code == 302
    url, data = _posts(world)["acknowledge"]
    assert client.post(url, data).status_code == 302
    world.entry.refresh_from_db()
    world.alert.refresh_from_db()
    assert world.entry.rung.key == "hip_clam"
    assert world.alert.acknowledged_by == getattr(world, who)


def test_a_screening_page_for_a_missing_id_is_the_same_404(client, world):
    missing = Screening.objects.order_by("-id").first().pk + 100
    response = _as(client, world, "runner").get(
        reverse("training:screening_detail", args=[missing])
    )
    assert response.status_code == 404
