"""Asking for advice: the page, the stored enquiry, the two e-mails, and abuse protection."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stridewell.enquiries.models import Enquiry, EnquiryStatus
from stridewell.enquiries.services import enquiry_submit
from stridewell.enquiries.views import SUBMIT_LIMIT
from tests.enquiries.conftest import CLINIC_EMAIL, QUESTION

pytestmark = pytest.mark.django_db

NEW = reverse("enquiries:new")
THANKS = reverse("enquiries:thanks")


def _form(**changes) -> dict[str, str]:
    return {
        "name": "Tom Heathcote",
        "email": "Tom@Example.com",
        "phone": "",
        "background": "marathon",
        "background_detail": "First marathon in April.",
        "question": QUESTION,
        "preferred_contact": "email",
        "website": "",
    } | changes


def test_the_form_lives_at_advice_and_has_every_field(client, clinic):
    response = client.get(NEW)

    html = response.content.decode()
    assert NEW == "/advice/"
    assert response.status_code == 200
    for name in ("name", "email", "phone", "background", "background_detail", "question"):
        assert f'name="{name}"' in html
    assert html.count('name="preferred_contact"') == 2
    assert 'type="tel"' in html


def test_sending_a_question_stores_it_and_thanks_the_sender(
    client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, _form())

    assert response.status_code == 302
    assert response.url == THANKS
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.email, enquiry.background) == (
        "Tom Heathcote",
        "tom@example.com",
        "marathon",
    )
    assert enquiry.question == QUESTION
    assert enquiry.status == EnquiryStatus.NEW
    notification, acknowledgement = mailoutbox
    assert notification.to == [CLINIC_EMAIL]
    assert notification.reply_to == ["tom@example.com"]
    assert notification.subject == "New advice enquiry from Tom Heathcote"
    assert QUESTION in notification.body
    assert f"https://stridewell.test/advice/inbox/{enquiry.pk}/" in notification.body
    assert acknowledgement.to == ["tom@example.com"]
    assert acknowledgement.reply_to == [CLINIC_EMAIL]
    assert acknowledgement.subject == "We have your question: Stridewell Sports Physiotherapy"
    assert "reply by e-mail" in acknowledgement.body
    assert "Thank you, we have your question" in client.get(THANKS).content.decode()


def test_asking_for_a_call_needs_a_phone_number(client, clinic):
    response = client.post(NEW, _form(preferred_contact="phone"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Give us a number to call, or choose e-mail instead." in html
    # Nothing typed is lost.
    assert QUESTION in html
    assert 'value="Tom Heathcote"' in html
    assert Enquiry.objects.count() == 0


def test_a_call_back_request_with_a_number_is_acknowledged_as_a_call(
    clinic, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_submit(
            name="Nadia",
            email="nadia@example.com",
            phone="07700 900456",
            background="other",
            question="Do you see teenagers?",
            preferred_contact="phone",
        )

    acknowledgement = mailoutbox[1]
    assert "call you on\n07700 900456" in acknowledgement.body


def test_a_number_that_cannot_be_dialled_is_refused(clinic):
    with pytest.raises(ValidationError) as caught:
        enquiry_submit(
            name="Tom", email="tom@example.com", phone="12", background="new", question="Hi?"
        )

    assert list(caught.value.message_dict) == ["phone"]
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Tell us your name."),
        ("email", "tom@", "Enter an e-mail address such as name@example.com."),
        ("background", "", "Choose the description closest to your running."),
        ("question", "", "Write your question."),
    ],
)
def test_each_required_field_is_explained(client, clinic, field, value, message):
    response = client.post(NEW, _form(**{field: value}))

    assert message in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_a_bot_filling_the_honeypot_sees_thanks_but_nothing_is_stored(
    client, clinic, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, _form(website="https://spam.example"))

    assert response.status_code == 302
    assert response.url == THANKS
    assert Enquiry.objects.count() == 0
    assert mailoutbox == []


def test_too_many_questions_from_one_connection_are_refused(client, clinic):
    for n in range(SUBMIT_LIMIT):
        assert client.post(NEW, _form(email=f"r{n}@example.com")).status_code == 302

    response = client.post(NEW, _form(email="late@example.com"))

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Enquiry.objects.count() == SUBMIT_LIMIT


def test_without_a_clinic_profile_the_notification_goes_to_our_sender_address(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_submit(name="Tom", email="tom@example.com", background="new", question="Hi?")

    assert mailoutbox[0].to == ["clinic@stridewell.test"]


def test_one_address_gets_at_most_three_acknowledgements_a_day(
    clinic, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            enquiry_submit(name="X", email="victim@example.com", background="new", question="?")

    acknowledgements = [m for m in mailoutbox if m.to == ["victim@example.com"]]
    assert len(acknowledgements) == 3
    # The clinic still hears about every one, and all four are stored.
    assert len([m for m in mailoutbox if m.to == [CLINIC_EMAIL]]) == 4
    assert Enquiry.objects.count() == 4
