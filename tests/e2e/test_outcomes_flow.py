"""Done when: on a phone, a runner whose questionnaire is due opens it from their training
dashboard, misses a question (told next to it and at the top, answers kept), answers it, and
sees their score, the chart with the MCID band and the change in words. Screenshots at 390 and
1280 px go to test-output/screenshots/ (the physio's view too)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest
from django.contrib.auth import get_user_model

from stridewell.accounts.models import Role
from stridewell.core.time import LONDON
from stridewell.outcomes.models import Questionnaire
from stridewell.outcomes.services import questionnaires_load_files, response_submit
from stridewell.training.models import Exercise, Ladder, Rung
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_screening import screening_record
from tests.e2e.conftest import _CSP_RECORDER as CSP_RECORDER
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "hill-reps-thursday-7"
SCREENED = date(2026, 3, 2)
TODAY = date(2026, 3, 31)
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def clock(monkeypatch):
    fixed = datetime.combine(TODAY, time(9, 30), tzinfo=LONDON)
    monkeypatch.setattr("stridewell.training.views_runner.common.now_london", lambda: fixed)


@pytest.fixture
def people(clock):
    users = get_user_model().objects
    runner = users.create_user(
        email="maya.runner@example.test", password=PASSWORD, first_name="Maya", last_name="Okafor"
    )
    physio = users.create_user(
        email="priya.physio@example.test", password=PASSWORD, role=Role.PHYSIO,
        first_name="Priya", last_name="Raman",
    )  # fmt: skip
    runner_hand_over(runner=runner, to_physio=physio, by=runner)  # she chose Priya (ADR 0014)
    hip = Ladder.objects.create(key="hip", name="Hip ladder", position=1)
    clam = Exercise.objects.create(key="clam", slug="clam", name="Clam", level=1, unit="reps")
    Rung.objects.create(
        ladder=hip, key="hip_clam", exercise=clam, position=1, sets=2, low=10, high=14,
        increment=2, load_kind="bodyweight",
    )  # fmt: skip
    screening_record(
        runner=runner, recorded_by=physio, day=SCREENED, age=38, sex="female", current_pain=1,
        today=SCREENED,
    )  # fmt: skip
    questionnaires_load_files()
    questionnaire = Questionnaire.objects.get()
    baseline = {i.key: 2 for i in questionnaire.spec.items}  # 16 / 32
    response_submit(runner=runner, questionnaire=questionnaire, answers=baseline, today=SCREENED)
    return runner, physio


def test_runner_answers_on_a_phone_and_sees_the_score_and_chart(
    browser, live_server, people, screenshot_dir
):
    runner, physio = people
    base = live_server.url
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport=PHONE)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, base, runner.email, PASSWORD)

    # The training dashboard says the questionnaire is due (four weeks since 2 March).
    page.goto(base + "/training/me/")
    card = page.get_by_test_id("outcomes-card")
    assert "Due now" in card.inner_text()
    card.screenshot(path=str(screenshot_dir / "outcomes-due-card-390.png"))
    card.get_by_role("link", name="Answer the questions").click()
    page.wait_for_url(re.compile(r"/outcomes/me/running-function/$"))

    # Answer seven of eight by tapping the answer text (large targets), then save.
    answers = ["Not hard at all", "Slightly hard", "Slightly hard", "Fairly hard",
               "Slightly hard", "Not hard at all", "Slightly hard", "Slightly hard"]  # fmt: skip
    fieldsets = page.locator("fieldset.om-item")
    assert fieldsets.count() == 8
    for n, label in enumerate(answers):
        if n != 3:  # "Running down a steep hill" left blank
            fieldsets.nth(n).get_by_text(label, exact=True).click()
    page.get_by_test_id("submit-questionnaire").click()
    page.wait_for_load_state()

    summary = page.locator(".form-errors")
    assert "Question 4: Choose an answer." in summary.inner_text()
    assert "Choose an answer." in fieldsets.nth(3).inner_text()
    assert fieldsets.nth(0).get_by_label("Not hard at all").is_checked()  # nothing lost
    page.screenshot(path=str(screenshot_dir / "outcomes-form-errors-390.png"), full_page=True)

    fieldsets.nth(3).get_by_text("Fairly hard", exact=True).click()
    page.get_by_test_id("submit-questionnaire").click()
    page.wait_for_url(re.compile(r"/outcomes/me/"))

    # 4+3+3+2+3+4+3+3 = 25 out of 32: nine better than the first 16.
    assert "Your score today is 25 out of 32." in page.locator("#messages").inner_text()
    sentence = page.get_by_test_id("outcome-interpretation").inner_text()
    assert sentence.startswith(
        "Your score has improved by 9 points since 2 March, more than the 4 points that counts "
        "as a real change"
    )
    chart = page.locator("svg.om-chart")
    assert chart.is_visible()
    assert chart.locator(".om-dot").count() == 2
    assert chart.locator(".om-band").count() == 1
    page.screenshot(path=str(screenshot_dir / "outcomes-scores-390.png"), full_page=True)
    page.set_viewport_size(WIDE)
    page.screenshot(path=str(screenshot_dir / "outcomes-scores-1280.png"), full_page=True)
    assert page.evaluate("window.__cspViolations") == []  # the stylesheet and chart load cleanly
    context.close()

    # The physio sees the same on the runner's page, and the chart on the scores page.
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport=WIDE)
    page = context.new_page()
    log_in(page, base, physio.email, PASSWORD)
    page.goto(base + f"/training/physio/runners/{runner.pk}/")
    card = page.get_by_test_id("outcomes-card")
    assert "Maya's score has improved by 9 points" in card.inner_text()
    card.screenshot(path=str(screenshot_dir / "outcomes-physio-card-1280.png"))
    card.get_by_role("link", name="Scores over time, with charts").click()
    page.wait_for_url(re.compile(rf"/outcomes/runners/{runner.pk}/$"))
    assert page.locator("svg.om-chart").is_visible()
    page.screenshot(path=str(screenshot_dir / "outcomes-physio-scores-1280.png"), full_page=True)
    context.close()


def test_the_questionnaire_form_at_both_widths(browser, live_server, people, screenshot_dir):
    runner, _ = people
    for name, viewport in (("390", PHONE), ("1280", WIDE)):
        context = browser.new_context(
            locale="en-GB", timezone_id="Europe/London", viewport=viewport
        )
        page = context.new_page()
        log_in(page, live_server.url, runner.email, PASSWORD)
        page.goto(live_server.url + "/outcomes/me/running-function/")
        page.locator("fieldset.om-item").first.get_by_text("Slightly hard", exact=True).click()
        page.screenshot(path=str(screenshot_dir / f"outcomes-form-{name}.png"), full_page=True)
        context.close()
