"""Asking for advice in a real browser, and a physio answering it from the inbox."""

from __future__ import annotations

import re
import time

import pytest

from stridewell.accounts.models import Role, User
from stridewell.clinic.models import ClinicProfile
from stridewell.enquiries.models import Enquiry, EnquiryStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLINIC_EMAIL = "frontdesk@stridewell.test"
PASSWORD = "long-run-sunday-42"
QUESTION = "I keep getting sore shins when I add distance. How should I build up?"


@pytest.fixture
def site(settings, live_server, smtp_sink):
    settings.SITE_URL = live_server.url
    ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy",
        address_line1="Unit 4, Kestrel Yard",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email=CLINIC_EMAIL,
    )
    return live_server


def _wait_for(sink, subject: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in sink.messages() if m["Subject"] == subject]
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no e-mail {subject!r} within {timeout}s")


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_runner_asks_and_a_physio_answers_with_a_screening_link(browser_page, site, smtp_sink):
    page = browser_page.page
    page.goto(site.url + "/advice/")
    main = page.locator("main")
    main.get_by_label("Your name").fill("Tom Heathcote")
    main.get_by_label("E-mail address").fill("tom@example.com")
    main.get_by_label("Your running at the moment").select_option("regular")
    main.get_by_label("Your question").fill(QUESTION)
    main.get_by_label("Phone", exact=True).check()
    main.get_by_role("button", name="Send my question").click()
    page.wait_for_load_state()

    # A call was asked for without a number: explained by the field, nothing lost.
    assert "Give us a number to call, or choose e-mail instead." in main.inner_text()
    assert main.get_by_label("Your question").input_value() == QUESTION
    main.get_by_label("Phone number").fill("07700 900123")
    main.get_by_role("button", name="Send my question").click()
    page.get_by_role("heading", name="Thank you, we have your question").wait_for()

    [notification] = _wait_for(smtp_sink, "New advice enquiry from Tom Heathcote")
    assert notification["To"] == CLINIC_EMAIL
    assert notification["Reply-To"] == "tom@example.com"
    inbox_link = re.search(r"http://\S+/advice/inbox/\d+/", _text(notification)).group(0)
    _wait_for(smtp_sink, "We have your question: Stridewell Sports Physiotherapy")

    User.objects.create_user(
        email="priya@stridewell.test", password=PASSWORD, role=Role.PHYSIO, first_name="Priya"
    )
    page.goto(site.url + "/accounts/login/")
    main.get_by_label(re.compile("^E-mail")).fill("priya@stridewell.test")
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(inbox_link)
    page.get_by_role("heading", name="Tom Heathcote").wait_for()
    assert QUESTION in page.get_by_test_id("enquiry-question").inner_text()

    main.get_by_label("Your reply").fill("Build up by no more than 10% a week, and come in.")
    main.get_by_label(re.compile("Suggest a running screening")).check()
    main.get_by_role("button", name="Save reply").click()
    page.get_by_text("Reply sent to Tom Heathcote.").wait_for()

    [reply] = _wait_for(smtp_sink, "Re: your question to Stridewell Sports Physiotherapy")
    assert reply["To"] == "tom@example.com"
    assert f"{site.url}/booking/" in _text(reply)
    enquiry = Enquiry.objects.get()
    assert enquiry.status == EnquiryStatus.ANSWERED
    assert enquiry.phone == "07700 900123"
    assert browser_page.csp_violations() == []
