"""A runner ticks "numbness or tingling" at the morning check-in: the next page tells them to
stop and see a physio, with a booking link, and their physio's dashboard shows the alert.
Screenshots of the form and the answer at 390 and 1280 px go to test-output/screenshots/.

Dates are fixed (a programme from Monday 2 March 2026), so the test never depends on today.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from stridewell.accounts.models import Role
from stridewell.training.library_loader import library_load_file
from stridewell.training.services_handover import runner_hand_over
from stridewell.training.services_screening import screening_record
from tests.e2e.pages import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.training.runner.urls"),
]

PASSWORD = "long-run-sunday-42"
START = date(2026, 3, 2)
MORNING = date(2026, 3, 10)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def people():
    library_load_file()
    users = get_user_model().objects
    runner = users.create_user(
        email="nia.runner@example.test", password=PASSWORD, first_name="Nia", last_name="Achebe"
    )
    physio = users.create_user(
        email="priya.physio@example.test",
        password=PASSWORD,
        role=Role.PHYSIO,
        first_name="Priya",
        last_name="Raman",
    )
    runner_hand_over(runner=runner, to_physio=physio, by=runner)  # she chose Priya (ADR 0014)
    screening_record(
        runner=runner, recorded_by=physio, day=START, age=41, sex="female", current_pain=1,
        today=START,
    )  # fmt: skip
    return runner, physio


def test_a_red_flag_check_in_says_stop_and_book_and_the_physio_is_alerted(
    browser_page, live_server, people, screenshot_dir
):
    runner, physio = people
    base = live_server.url
    page = browser_page.page
    page.set_viewport_size(PHONE)
    log_in(page, base, runner.email, PASSWORD)

    page.goto(base + "/training/me/check-in/")
    group = page.get_by_role("group", name="Anything else this morning?")
    numbness = group.get_by_label("Numbness or tingling in my leg or foot")
    assert numbness.is_visible()
    box = numbness.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= PHONE["width"]  # no sideways scroll
    page.locator("#id_date").fill(MORNING.isoformat())
    page.get_by_label("Pain on waking").fill("2")
    page.get_by_label("Stiffness on waking").fill("2")
    numbness.check()
    page.screenshot(path=str(screenshot_dir / "check-in-red-flag-form-390.png"), full_page=True)
    page.get_by_test_id("save-check-in").click()

    page.wait_for_url(re.compile(r"/training/me/check-ins/\d+/$"))
    advice = page.get_by_test_id("check-in-advice")
    assert advice.get_attribute("data-urgency") == "see_physio"
    assert "Stop your exercises and see a physio" in advice.inner_text()
    book = page.get_by_test_id("book-physio")
    assert book.is_visible()
    assert book.get_attribute("href")
    decisions = page.get_by_test_id("decision")
    assert decisions.count() >= 1
    assert {d.get_attribute("data-rule") for d in decisions.all()} == {
        "F1_red_flag_stop_see_physio"
    }
    page.screenshot(path=str(screenshot_dir / "check-in-red-flag-answer-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshot_dir / "check-in-red-flag-answer-1280.png"), full_page=True)
    page.goto(base + "/training/me/check-in/")
    page.screenshot(path=str(screenshot_dir / "check-in-form-1280.png"), full_page=True)
    assert browser_page.csp_violations() == []

    page.context.clear_cookies()
    log_in(page, base, physio.email, PASSWORD)
    page.goto(base + "/training/physio/")
    assert page.get_by_text("Red flag at the morning check-in").first.is_visible()
    page.screenshot(path=str(screenshot_dir / "check-in-red-flag-physio-1280.png"), full_page=True)
