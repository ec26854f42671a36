"""Done when: a runner self-screens with pain 6/10 on a phone and ends at "see a physio", with a
booking link that opens the booking page. Screenshot at 390 px in test-output/screenshots/."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from stridewell.core.time import now_london
from stridewell.training.library_loader import library_load_file
from stridewell.training.models import Programme, Screening
from tests.e2e.conftest import _CSP_RECORDER as CSP_RECORDER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.training.runner.urls"),
]

PASSWORD = "long-run-sunday-42"
EMAIL = "noor.runner@example.test"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def runner():
    library_load_file()
    return get_user_model().objects.create_user(
        email=EMAIL, password=PASSWORD, first_name="Noor", last_name="Haddad"
    )


def test_a_self_screen_with_pain_6_ends_at_see_a_physio_and_the_booking_page_opens(
    browser, live_server, runner, screenshot_dir
):
    base = live_server.url
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport=PHONE)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(base + "/accounts/login/")
    main = page.locator("main")
    main.get_by_label(re.compile(r"^E-mail", re.IGNORECASE)).fill(EMAIL)
    main.get_by_label(re.compile(r"^Password", re.IGNORECASE)).fill(PASSWORD)
    main.get_by_role("button", name=re.compile(r"^Log in$", re.IGNORECASE)).click()
    page.wait_for_load_state()

    # The runner screens themselves: pain today 6/10, and some running history.
    page.goto(base + "/training/me/screening/")
    page.locator("#id_date").fill(now_london().date().isoformat())
    page.get_by_label("Age").fill("34")
    page.get_by_label("Sex").select_option("female")
    page.locator("#id_current_pain").fill("6")
    page.get_by_label("Years running").fill("4")
    page.get_by_label("Distance in a usual week (km)").fill("35")
    page.screenshot(path=str(screenshot_dir / "screening-self-form-390.png"), full_page=True)
    page.get_by_role("button", name="See my starting programme").click()
    page.wait_for_url(re.compile(r"/training/screenings/\d+/$"))

    # "See a physio", in words, with no programme and a booking link.
    referral = page.get_by_test_id("see-physio")
    assert "Please see a physio first" in referral.inner_text()
    assert "Your pain today is 6/10." in referral.inner_text()
    assert page.get_by_test_id("placements").count() == 0
    page.screenshot(path=str(screenshot_dir / "screening-see-physio-390.png"), full_page=True)
    assert Screening.objects.get().is_referred is True
    assert not Programme.objects.exists()

    # The booking link works: the booking page opens.
    referral.get_by_test_id("book-physio").click()
    page.wait_for_url(re.compile(r"/booking/$"))
    assert page.get_by_role("heading", name="Book an appointment").is_visible()
    assert page.evaluate("window.__cspViolations") == []
    context.close()
