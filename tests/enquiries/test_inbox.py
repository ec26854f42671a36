"""The clinic's inbox: who may see it, replying (e-mailed and kept), screenings, status."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stridewell.enquiries.models import EnquiryReply, EnquiryStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(make_enquiry):
    return make_enquiry()


def _urls(enquiry) -> list[tuple[str, str]]:
    return [
        ("get", reverse("enquiries:staff_inbox")),
        ("get", reverse("enquiries:staff_detail", args=[enquiry.pk])),
        ("post", reverse("enquiries:staff_reply", args=[enquiry.pk])),
        ("post", reverse("enquiries:staff_status", args=[enquiry.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, enquiry):
    for method, url in _urls(enquiry):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


def test_runners_are_refused_and_see_nothing(client, runner, enquiry):
    client.force_login(runner)

    for method, url in _urls(enquiry):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
        assert "Tom Heathcote" not in response.content.decode()
    assert not EnquiryReply.objects.exists()


@pytest.mark.parametrize("who", ["staff", "physio"])
def test_the_clinic_team_sees_new_enquiries_in_the_inbox(client, who, request, make_enquiry):
    make_enquiry(name="Amir", email="amir@example.com")
    answered = make_enquiry(name="Beth", email="beth@example.com")
    answered.status = EnquiryStatus.ANSWERED
    answered.save()
    client.force_login(request.getfixturevalue(who))

    new = client.get(reverse("enquiries:staff_inbox")).content.decode()
    everything = client.get(reverse("enquiries:staff_inbox"), {"status": "all"}).content.decode()

    assert "Amir" in new
    assert "Beth" not in new
    assert "Amir" in everything
    assert "Beth" in everything


def test_replying_emails_the_runner_keeps_the_reply_and_marks_it_answered(
    client, physio, enquiry, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(physio)
    body = "Start with two short sessions a week, away from your long run."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enquiries:staff_reply", args=[enquiry.pk]),
            {"body": body, "channel": "email"},
            follow=True,
        )

    enquiry.refresh_from_db()
    reply = EnquiryReply.objects.get()
    assert (reply.author, reply.body, reply.is_emailed) == (physio, body, True)
    assert reply.booking_url == ""
    assert enquiry.status == EnquiryStatus.ANSWERED
    assert enquiry.answered_at is not None
    assert "Reply sent to Tom Heathcote." in response.content.decode()
    [message] = mailoutbox
    assert message.to == ["tom@example.com"]
    assert message.subject == "Re: your question to Stridewell Sports Physiotherapy"
    assert body in message.body
    assert "Priya Tester" in message.body
    assert "book" not in message.body.lower()


def test_suggesting_a_screening_adds_the_booking_link(
    client, staff, enquiry, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("enquiries:staff_reply", args=[enquiry.pk]),
            {"body": "Let us have a look.", "suggest_screening": "on", "channel": "email"},
        )

    link = "https://stridewell.test/booking/"
    reply = EnquiryReply.objects.get()
    assert reply.suggests_screening is True
    assert reply.booking_url == link
    [message] = mailoutbox
    assert link in message.body
    assert f'<a href="{link}">Book a running screening</a>' in message.alternatives[0].content


def test_a_phone_call_note_is_kept_but_not_emailed(
    client, staff, enquiry, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("enquiries:staff_reply", args=[enquiry.pk]),
            {"body": "Called; booked a screening for Tuesday.", "channel": "phone"},
        )

    assert EnquiryReply.objects.get().is_emailed is False
    assert mailoutbox == []
    page = client.get(reverse("enquiries:staff_detail", args=[enquiry.pk])).content.decode()
    assert "Phone call note" in page


def test_an_empty_reply_is_refused(client, staff, enquiry):
    client.force_login(staff)

    response = client.post(reverse("enquiries:staff_reply", args=[enquiry.pk]), {"body": ""})

    assert "Write your reply." in response.content.decode()
    assert not EnquiryReply.objects.exists()


def test_closing_and_reopening(client, staff, enquiry):
    client.force_login(staff)
    url = reverse("enquiries:staff_status", args=[enquiry.pk])

    client.post(url, {"status": "closed"})
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.CLOSED
    assert enquiry.closed_at is not None

    client.post(url, {"status": "new"})
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.NEW
    assert enquiry.closed_at is None


def test_an_unknown_enquiry_is_a_404(client, staff, clinic):
    client.force_login(staff)

    assert client.get(reverse("enquiries:staff_detail", args=[999])).status_code == 404
