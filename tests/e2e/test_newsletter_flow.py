"""Newsletter sign-up in a real browser, down to the welcome code working once at booking.

Sign up → confirmation e-mail arrives at a real SMTP server → open its link → confirm → the
code shows on screen and in the welcome e-mail → the booking API takes it off one
appointment and refuses it for a second one.

The form used is the one in the site footer of the home page.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from stridewell.newsletter.models import Consent, DiscountCode, Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amara.okafor@example.com"
SIGNUP_PATH = "/"
FORM = ".site-footer [data-testid=newsletter-signup]"
PAGE_FORM = "main [data-testid=newsletter-signup]"
CONFIRM_SUBJECT = "Please confirm your Stridewell newsletter subscription"
WELCOME_SUBJECT = "Welcome to Stridewell: your 10% code is inside"


@pytest.fixture
def site(settings, live_server, smtp_sink):
    # Links in e-mails point at the server the browser talks to.
    settings.SITE_URL = live_server.url
    return live_server


def _wait_for_email(sink, subject: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in sink.messages() if m["Subject"] == subject]
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no e-mail {subject!r} within {timeout}s")


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _clinic_with_free_slots() -> None:
    """The demo clinic, physios, appointment types and working hours: enough to book."""
    from stridewell.accounts.demo import seed_accounts_demo
    from stridewell.booking.demo import seed_booking_demo
    from stridewell.clinic.demo import seed_clinic_demo

    users = seed_accounts_demo()
    seed_clinic_demo(physios=[user for user in users.values() if user.is_physio])
    seed_booking_demo()


def _book(code: str, key: str):
    """Book the next free follow-up through the public booking API with the welcome code."""
    client = Client()
    today = timezone.localdate()
    slots = client.get(
        "/api/booking/availability",
        {
            "type": "follow-up-30",
            "practitioner": "any",
            "start": today.isoformat(),
            "end": (today + timedelta(days=13)).isoformat(),
        },
    ).json()["slots"]
    return client.post(
        "/api/booking/appointments",
        {
            "type": "follow-up-30",
            "practitioner": slots[0]["practitioner"],
            "start": slots[0]["start"],
            "patient": {"name": "Amara Okafor", "email": EMAIL, "phone": "07700 900456"},
            "is_new_patient": False,
            "accept_policy": True,
            "discount_code": code,
        },
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_sign_up_confirm_and_use_the_welcome_code_once(browser_page, site, smtp_sink):
    page = browser_page.page
    page.goto(site.url + SIGNUP_PATH)
    form = page.locator(FORM)

    form.get_by_label("E-mail address").fill(EMAIL)
    form.get_by_role("button", name="Subscribe").click()
    # Forgot the box: htmx shows the error in place, keeping the address.
    form.get_by_text("Tick the box to say you would like the newsletter.").wait_for()
    assert form.get_by_label("E-mail address").input_value() == EMAIL
    assert Subscriber.objects.count() == 0

    form.get_by_label(re.compile("e-mail me the Stridewell newsletter")).check()
    form.get_by_role("button", name="Subscribe").click()

    # htmx swaps the answer in place of the form.
    status = page.locator(f"{FORM}[role=status]")
    status.wait_for()
    assert "Almost there: please check your inbox." in status.inner_text()
    assert page.url == site.url + SIGNUP_PATH
    consent = Consent.objects.get()
    assert (consent.event, consent.source) == ("given", "footer")

    [confirmation] = _wait_for_email(smtp_sink, CONFIRM_SUBJECT)
    assert confirmation["To"] == EMAIL
    link = re.search(r"http://\S+/newsletter/confirm/\S+/", _text(confirmation)).group(0)
    assert EMAIL not in link

    page.goto(link)
    page.get_by_role("button", name="Confirm my subscription").click()
    page.get_by_role("heading", name="You are subscribed. Welcome!").wait_for()

    shown_code = page.get_by_test_id("welcome-code").locator("strong").inner_text()
    [welcome] = _wait_for_email(smtp_sink, WELCOME_SUBJECT)
    assert shown_code in _text(welcome)
    assert welcome["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stored = DiscountCode.objects.get()
    assert stored.code == shown_code
    assert stored.subscriber == Subscriber.objects.get(email=EMAIL)

    # The booking service takes the code once, and only once.
    _clinic_with_free_slots()
    first = _book(shown_code, "newsletter-e2e-1")
    assert first.status_code == 201, first.content
    assert first.json()["discount_percent"] == 10
    second = _book(shown_code, "newsletter-e2e-2")
    assert second.status_code == 422, second.content
    assert "discount_code" in second.json()["error"]["fields"]
    assert DiscountCode.objects.get().reference == f"booking:{first.json()['id']}"
    assert browser_page.csp_violations() == []


def test_sign_up_works_without_javascript(browser, site, smtp_sink):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(site.url + SIGNUP_PATH)
        form = page.locator(FORM)

        form.get_by_label("E-mail address").fill(EMAIL)
        form.get_by_role("button", name="Subscribe").click()
        page.wait_for_load_state()
        # Forgot the box: the error is next to it and the address is kept.
        assert "Tick the box to say you would like the newsletter." in page.content()
        # Without JavaScript the error comes back on the sign-up page, in its main form.
        retry = page.locator(PAGE_FORM)
        assert retry.get_by_label("E-mail address").input_value() == EMAIL

        retry.get_by_label(re.compile("e-mail me the Stridewell")).check()
        retry.get_by_role("button", name="Subscribe").click()
        page.wait_for_load_state()

        assert page.url == site.url + "/newsletter/check-your-inbox/"
        assert page.get_by_role("heading", name="Almost there: please check your inbox").count()
        _wait_for_email(smtp_sink, CONFIRM_SUBJECT)
        assert Subscriber.objects.get().email == EMAIL
    finally:
        context.close()
