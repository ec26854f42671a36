"""Booking in a real browser on a phone-sized screen: a new patient books a screening, gets the
e-mail (through a real SMTP server) with a valid calendar file, moves the appointment with the
link from that e-mail, and the old link stops working. Also the same booking with JavaScript off.
"""

from __future__ import annotations

import re
import time
from datetime import time as wall

import pytest
from icalendar import Calendar

from stridewell.accounts.models import Role, User
from stridewell.accounts.services import practitioner_profile_create
from stridewell.booking.models import (
    Appointment,
    AppointmentType,
    Eligibility,
    Status,
    WorkingHours,
)
from stridewell.clinic.models import ClinicProfile, OpeningHours

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def clinic_with_a_physio(settings, live_server):
    settings.SITE_URL = live_server.url  # links in e-mails must reach this test server
    profile = ClinicProfile.objects.create(
        name="Stridewell Sports Physiotherapy",
        address_line1="Unit 4, Kestrel Yard",
        postcode="SE1 1ZZ",
        phone="020 7946 0321",
        email="clinic@stridewell.test",
    )
    for weekday in range(6):
        OpeningHours.objects.create(
            profile=profile, weekday=weekday, opens=wall(7), closes=wall(20)
        )
    user = User.objects.create_user(
        email="priya@stridewell.test", password=None, role=Role.PHYSIO, first_name="Priya"
    )
    physio = practitioner_profile_create(
        user=user,
        display_name="Priya Raman",
        title="Senior Sports Physiotherapist",
        slug="priya-raman",
    )
    for weekday in range(6):
        WorkingHours.objects.create(
            practitioner=physio, weekday=weekday, starts=wall(8), ends=wall(18)
        )
    AppointmentType.objects.create(
        name="Initial full screening",
        slug="initial-screening",
        duration_minutes=60,
        price_pence=9500,
        buffer_after_minutes=15,
        eligibility=Eligibility.NEW,
        min_notice_minutes=120,
        horizon_days=60,
    )
    return physio


def _phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None
    )
    return context, page, errors


def _choose_first_free_time(page) -> None:
    """Walk the week strip forward until a day has free times, then take the first one."""
    for _ in range(4):
        free_day = page.locator(".day:not(.day--full)").first
        if free_day.count():
            free_day.click()
            page.locator("[data-testid=slots] button.slot").first.wait_for()
            break
        page.get_by_role("link", name="Later days").click()
        page.wait_for_load_state()
    page.locator("[data-testid=slots] button.slot").first.click()
    page.wait_for_load_state()


def _fill_details(page) -> None:
    form = page.get_by_test_id("details-form")
    form.get_by_label("Your name").fill("Amara Okafor")
    form.get_by_label("E-mail address").fill("amara.okafor@example.test")
    form.get_by_label("Phone number").fill("07700 900123")
    form.get_by_label("This is my first visit").check()
    form.get_by_label("What is wrong?").fill("Shin pain since my last half marathon.")
    form.get_by_label("I accept the cancellation policy").check()
    form.get_by_role("button", name=re.compile(r"^Book ")).click()
    page.wait_for_load_state()


def _wait_for_messages(smtp_sink, count: int, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = smtp_sink.messages()
        if len(messages) >= count:
            return messages
        time.sleep(0.1)
    raise AssertionError(f"expected {count} e-mails, got {len(smtp_sink.messages())}")


def _calendar(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    cal = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_a_new_patient_books_a_screening_gets_the_calendar_file_and_moves_it(
    browser, live_server, smtp_sink, clinic_with_a_physio, screenshot_dir
):
    context, page, csp_errors = _phone_page(browser)
    page.goto(live_server.url + "/booking/")

    page.get_by_role("link", name=re.compile("Initial full screening")).click()
    page.get_by_role("link", name=re.compile("Any available physio")).click()
    page.screenshot(path=str(screenshot_dir / "booking-slots-phone.png"), full_page=True)
    _choose_first_free_time(page)
    page.screenshot(path=str(screenshot_dir / "booking-details-phone.png"), full_page=True)
    assert (
        "We are holding this time for you" in page.locator("[data-testid=hold-note]").inner_text()
    )
    _fill_details(page)

    page.get_by_role("heading", name="You are booked in").wait_for()
    page.screenshot(path=str(screenshot_dir / "booking-done-phone.png"), full_page=True)
    appointment = Appointment.objects.get()
    assert (appointment.status, appointment.is_new_patient) == (Status.CONFIRMED, True)
    (confirmation,) = _wait_for_messages(smtp_sink, 1)
    assert confirmation["To"] == "amara.okafor@example.test"
    cal, event = _calendar(confirmation)
    assert str(cal["METHOD"]) == "REQUEST"
    assert event.decoded("DTSTART") == appointment.start
    assert event.decoded("DTEND") == appointment.end
    assert int(event["SEQUENCE"]) == 0
    uid = str(event["UID"])

    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    reschedule_url = re.search(r"Move it: (\S+)", text).group(1)
    assert reschedule_url.startswith(live_server.url + "/booking/reschedule/")
    page.goto(reschedule_url)
    page.get_by_role("heading", name="Move your appointment").wait_for()
    old_start = appointment.start
    later = page.locator("[data-testid=slots] button.slot").nth(4)
    later.click()
    page.get_by_role("heading", name="Your appointment has moved").wait_for()

    appointment.refresh_from_db()
    assert appointment.start != old_start
    assert appointment.sequence == 1
    moved = _wait_for_messages(smtp_sink, 2)[1]
    cal, event = _calendar(moved)
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == appointment.start

    response = page.goto(reschedule_url)
    assert response.status == 410
    assert "already been used" in page.locator("[data-testid=link-problem]").inner_text()
    assert csp_errors == []
    context.close()


def test_booking_works_with_javascript_switched_off(browser, live_server, clinic_with_a_physio):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/booking/initial-screening/priya-raman/")

    _choose_first_free_time(page)
    _fill_details(page)

    page.get_by_role("heading", name="You are booked in").wait_for()
    assert Appointment.objects.get().practitioner == clinic_with_a_physio
    context.close()
