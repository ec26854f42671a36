"""Issue #10 in the browser: a runner logs a session at 8/10 pain on one exercise; the next page
tells them to stop that exercise and that their physio knows; the physio's alert list shows it,
and the physio can restart it. Screenshots at 390 px go to test-output/screenshots/.

Dates are relative to the live server's "today" (sessions cannot be logged in the future), as in
test_training_flow.py; the check-ins that teach the usual morning come before the session.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from stridewell.accounts.models import Role
from stridewell.core.time import now_london
from stridewell.training.library_loader import library_load_file
from stridewell.training.models import ExerciseLog, ProgrammeEntry
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_logging import check_in_record
from stridewell.training.services_programme import programme_assign_manual
from tests.e2e.conftest import _CSP_RECORDER as CSP_RECORDER
from tests.e2e.pages import log_in
from tests.e2e.test_training_flow import PASSWORD, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.training.runner.urls"),
]

RUNNER_EMAIL = "sam.runner@example.test"
PHYSIO_EMAIL = "priya.physio@example.test"
RUNGS = ["gmed_banded_squat", "side_plank_knees"]


@pytest.fixture
def runner_with_programme():
    library_load_file()
    users = get_user_model().objects
    runner = users.create_user(
        email=RUNNER_EMAIL, password=PASSWORD, first_name="Sam", last_name="Adeyemi"
    )
    physio = users.create_user(
        email=PHYSIO_EMAIL,
        password=PASSWORD,
        role=Role.PHYSIO,
        first_name="Priya",
        last_name="Raman",
    )
    runner_hand_over(runner=runner, to_physio=physio, by=runner)  # she chose Priya (ADR 0014)
    today = now_london().date()
    start = today - timedelta(days=10)
    programme = programme_assign_manual(runner=runner, physio=physio, rung_keys=RUNGS, today=start)
    for n in range(9):  # a week and more of ordinary mornings: the usual morning is learnt
        day = start + timedelta(days=n)
        check_in_record(runner=runner, day=day, pain=0, stiffness=1, today=day)
    return runner, programme, today


def test_a_session_at_8_of_10_stops_the_exercise_and_the_physio_sees_it(
    browser, browser_page, live_server, runner_with_programme, screenshot_dir
):
    runner, programme, today = runner_with_programme
    base = live_server.url
    squat = programme.entries.get(rung__key="gmed_banded_squat")

    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport=PHONE)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, base, RUNNER_EMAIL, PASSWORD)

    # The runner logs today's session: 8/10 in the last set of the banded squat, 1/10 elsewhere.
    page.goto(base + "/training/me/log/")
    form = page.locator("#log-form")
    form.locator("#id_date").fill(today.isoformat())
    for radio in form.locator("input[type=radio][value=good]").all():
        radio.check()
    for field in form.locator("input[name$='-pain']").all():
        field.fill("1")
    form.locator(f"#id_e{squat.pk}-effort").select_option("8")
    form.locator(f"input[name^='e{squat.pk}-'][name$='-pain']").last.fill("8")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.get_by_test_id("save-session").click()
    assert posted.value.status == 200
    page.wait_for_url(re.compile(r"/training/sessions/\d+/$"))
    assert ExerciseLog.objects.get(entry=squat).effort == 8

    # The next page says: stop that exercise, your physio knows.
    said = page.locator("#messages").inner_text()
    assert "Please stop Bodyweight squat with mini-band" in said
    assert "we've let them know" in said
    main = page.locator("main")
    decision = main.locator("[data-rule=S1_paused_pain_during_7_or_more]")
    assert decision.count() == 1
    assert "please stop this exercise until your physio has been in touch" in (
        decision.inner_text()
    )
    assert "We've let your physio know and they will contact you" in decision.inner_text()
    page.screenshot(path=str(screenshot_dir / "training-paused-session-390.png"), full_page=True)

    # The programme shows it paused, not prescribed; the log form leaves it out.
    page.goto(base + "/training/me/")
    today_card = page.get_by_test_id("todays-session")
    assert today_card.get_by_test_id("paused").count() == 1
    page.screenshot(path=str(screenshot_dir / "training-paused-dashboard-390.png"), full_page=True)
    page.goto(base + "/training/me/log/")
    assert page.get_by_test_id("paused-exercise").count() == 1
    assert page.locator(f"#id_e{squat.pk}-done").count() == 0
    assert page.evaluate("window.__cspViolations") == []
    context.close()

    # The physio's alert list shows it; they restart the exercise from the runner's page.
    physio_page = browser_page.page
    physio_page.set_viewport_size(PHONE)
    log_in(physio_page, base, PHYSIO_EMAIL, PASSWORD)
    physio_page.goto(base + "/training/physio/")
    alert = physio_page.locator("[data-testid=alert][data-kind=exercise_paused]")
    assert alert.count() == 1
    assert "Exercise paused: contact the runner" in alert.inner_text()
    assert "Please contact the runner" in alert.inner_text()
    physio_page.screenshot(
        path=str(screenshot_dir / "training-paused-physio-alerts-390.png"), full_page=True
    )
    physio_page.goto(base + f"/training/physio/runners/{runner.pk}/")
    physio_page.get_by_test_id("resume").click()
    physio_page.wait_for_load_state()
    assert ProgrammeEntry.objects.get(pk=squat.pk).is_paused is False
    assert browser_page.csp_violations() == []
