"""Done when: a physio screens a runner, the runner logs three sessions in the browser with
check-ins between them, and the timeline shows a progression, a hold and a regression with
their reasons. Screenshots at 390 px go to test-output/screenshots/.

The runner is demo-like: the clinic's own exercise library, and a fortnight of morning
check-ins before their first session (from which the engine learns their usual morning).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from stridewell.accounts.models import Role
from stridewell.core.time import now_london
from stridewell.training.library_loader import library_load_file
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_logging import check_in_record
from tests.e2e.conftest import _CSP_RECORDER as CSP_RECORDER
from tests.e2e.pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.training.runner.urls"),
]

PASSWORD = "long-run-sunday-42"
RUNNER_EMAIL = "maya.runner@example.test"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people():
    library_load_file()
    users = get_user_model().objects
    runner = users.create_user(
        email=RUNNER_EMAIL, password=PASSWORD, first_name="Maya", last_name="Okafor"
    )
    physio = users.create_user(
        email="priya.physio@example.test",
        password=PASSWORD,
        role=Role.PHYSIO,
        first_name="Priya",
        last_name="Raman",
    )
    runner_hand_over(runner=runner, to_physio=physio, by=runner)  # she chose Priya (ADR 0014)
    return runner, physio


def _screen(page, base: str, day) -> None:
    page.goto(base + "/training/physio/")
    page.get_by_label("Runner's e-mail address").fill(RUNNER_EMAIL)
    page.get_by_role("button", name="Start a screening").click()
    page.wait_for_url(re.compile(r"/screening/new/$"))
    form = page.get_by_test_id("screening-form")
    form.locator("#id_date").fill(day.isoformat())
    form.get_by_label("Age").fill("38")
    form.get_by_label("Sex").select_option("female")
    form.locator("#id_current_pain").fill("1")
    form.locator("#id_step_down_left").fill("1")
    form.locator("#id_step_down_right").fill("1")
    form.locator("#id_side_bridge_seconds_left").fill("62")
    form.locator("#id_side_bridge_seconds_right").fill("60")
    form.locator("#id_balance_seconds_left").fill("45")
    form.locator("#id_balance_seconds_right").fill("44")
    form.get_by_role("button", name="Save screening").click()
    page.wait_for_url(re.compile(r"/training/screenings/\d+/$"))


def _log_session(page, base: str, day, pain: int, screenshot=None) -> None:
    page.goto(base + "/training/me/log/")
    form = page.locator("#log-form")
    form.locator("#id_date").fill(day.isoformat())
    for radio in form.locator("input[type=radio][value=good]").all():
        radio.check()
    for field in form.locator("input[name$='-pain']").all():
        field.fill("1")
    # The highest pain of the session is in the last set of every exercise.
    for card in form.get_by_test_id("exercise-card").all():
        card.locator("input[name$='-pain']").last.fill(str(pain))
    if screenshot is not None:
        screenshot()
    # htmx posts the form; the answer tells the browser where to go (HX-Redirect).
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.get_by_test_id("save-session").click()
    assert posted.value.status == 200
    page.wait_for_url(re.compile(r"/training/sessions/\d+/$"))
    assert page.get_by_test_id("status-pending").count() >= 3


def _check_in(page, base: str, day) -> None:
    page.goto(base + "/training/me/check-in/")
    page.locator("#id_date").fill(day.isoformat())
    page.get_by_label("Pain on waking").fill("0")
    page.get_by_label("Stiffness on waking").fill("1")
    page.get_by_test_id("save-check-in").click()
    page.wait_for_url(re.compile(r"/training/me/$"))


def test_physio_screens_runner_logs_three_sessions_and_sees_why(
    browser, browser_page, live_server, people, screenshot_dir
):
    runner, _ = people
    base = live_server.url
    today = now_london().date()
    screened, first = today - timedelta(days=20), today - timedelta(days=8)

    # The physio screens the runner in the browser.
    physio_page = browser_page.page
    log_in(physio_page, base, "priya.physio@example.test", PASSWORD)
    _screen(physio_page, base, screened)
    placements = physio_page.get_by_test_id("placements")
    assert 3 <= placements.locator("li").count() <= 5
    assert "so you start at" in placements.inner_text()
    assert "pogo" not in placements.inner_text()  # too hard for now: not in the programme

    # A fortnight of morning check-ins before the first session (the runner's history).
    for n in range(11):
        day = screened + timedelta(days=n + 1)
        check_in_record(runner=runner, day=day, pain=0, stiffness=1, today=day)

    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport=PHONE)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, base, RUNNER_EMAIL, PASSWORD)

    def shot_log_page() -> None:
        page.screenshot(path=str(screenshot_dir / "training-log-390.png"), full_page=True)

    # Three sessions in the browser, each followed by the next morning's check-in.
    for offset, pain in ((0, 1), (3, 4), (6, 6)):
        day = first + timedelta(days=offset)
        _log_session(page, base, day, pain, screenshot=shot_log_page if offset == 0 else None)
        _check_in(page, base, day + timedelta(days=1))

    page.screenshot(path=str(screenshot_dir / "training-dashboard-390.png"), full_page=True)
    assert page.get_by_test_id("recent-decisions").locator("[data-action=regress]").count() >= 1

    page.goto(base + "/training/me/timeline/")
    timeline = page.get_by_test_id("timeline")
    progress = timeline.locator("[data-action=progress]").first
    hold = timeline.locator("[data-rule=H2_pain_4_to_5_settled_overnight]").first
    regress = timeline.locator("[data-rule=R1_pain_during_above_5]").first
    assert "you completed every set" in progress.inner_text()
    assert "Progress" in progress.inner_text()
    assert "Your pain reached 4/10 during the exercise but settled" in hold.inner_text()
    assert "Hold" in hold.inner_text()
    assert "Your pain reached 6/10 during the exercise, more than the 5/10" in regress.inner_text()
    assert "Regress" in regress.inner_text()
    page.screenshot(path=str(screenshot_dir / "training-timeline-390.png"), full_page=True)
    assert page.evaluate("window.__cspViolations") == []
    context.close()

    # The physio sees the alert the 6/10 session raised, and acknowledges it.
    physio_page.goto(base + "/training/physio/")
    alert = physio_page.get_by_test_id("alert").first
    assert "Pain above 5/10 during" in alert.inner_text()
    alert.get_by_role("button", name="Acknowledge").click()
    physio_page.wait_for_load_state()
    assert physio_page.get_by_test_id("alert").count() == 0
    assert browser_page.csp_violations() == []
