"""The exercise library in a real browser: filter by ladder (with htmx, and without
JavaScript), open an exercise, see where it sits on its ladder, on a desktop and on a phone."""

from __future__ import annotations

import re

import pytest

from stridewell.training.library_loader import library_load_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "/training/exercises/"
GMED_COUNT = "12 exercises match your filters."


@pytest.fixture
def library():
    return library_load_file()


def test_visitor_filters_by_ladder_opens_an_exercise_and_sees_its_ladder(
    browser_page, live_server, library
):
    page = browser_page.page
    page.goto(live_server.url + LIST)
    assert page.get_by_test_id("result-count").inner_text() == "47 exercises."

    # htmx swaps the results as soon as the select changes and updates the address bar.
    page.get_by_label("Ladder").select_option("clinic_glute_med")
    page.get_by_test_id("result-count").filter(has_text=GMED_COUNT).wait_for()
    page.wait_for_url(re.compile(r"ladder=clinic_glute_med"))
    cards = page.get_by_test_id("exercise-card")
    assert cards.count() == 12

    page.get_by_role("link", name="Banded single-leg squat", exact=True).click()
    page.wait_for_url(re.compile(r"/training/exercises/banded-single-leg-squat/$"))

    placement = page.get_by_test_id("ladder-placement").first
    wide = placement.locator("svg.ladder-svg--wide")
    assert wide.is_visible()
    assert not placement.locator("svg.ladder-svg--tall").is_visible()
    current = wide.locator(".ladder-node--current")
    assert current.count() == 1
    assert "This exercise" in current.text_content()
    assert browser_page.csp_violations() == []


def test_filtering_works_without_javascript(browser, live_server, library):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + LIST)

    page.get_by_label("Ladder").select_option("clinic_glute_med")
    page.get_by_label("Level").select_option("4")
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_load_state()

    assert page.get_by_test_id("result-count").inner_text() == "3 exercises match your filters."
    titles = page.locator(".exercise-card__title").all_inner_texts()
    assert titles == ["Banded split squat", "Banded step-up", "Single-leg leg press"]
    context.close()


def test_on_a_phone_the_ladder_is_drawn_top_to_bottom(
    browser, live_server, library, screenshot_dir
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    page = context.new_page()
    page.goto(live_server.url + "/training/exercises/banded-single-leg-squat/")

    placement = page.get_by_test_id("ladder-placement").first
    tall = placement.locator("svg.ladder-svg--tall")
    assert tall.is_visible()
    assert not placement.locator("svg.ladder-svg--wide").is_visible()
    box = tall.bounding_box()
    assert box is not None
    assert box["width"] <= 390
    assert box["height"] > box["width"] * 2  # twelve rungs stacked, not a strip
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    tall.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "training-library-exercise-390.png"), full_page=True)
    context.close()
