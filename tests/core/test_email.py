"""email_send: renders at once, delivers only after COMMIT, never after a rollback."""

from __future__ import annotations

import logging
import smtplib

import pytest
from django.core import mail
from django.db import transaction

from stridewell.core.email import email_send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("email_templates")]


def _send_welcome(**overrides):
    arguments = {
        "to": ["ada@runners.test"],
        "subject": "Welcome to Stridewell",
        "template": "tests_email/welcome",
        "context": {"name": "Ada", "day": "Tuesday 3 March"},
    } | overrides
    email_send(**arguments)


class BookingError(Exception):
    pass


def _send_then_roll_back(**overrides) -> None:
    with transaction.atomic():
        _send_welcome(**overrides)
        raise BookingError


def test_nothing_is_sent_while_the_transaction_is_open_and_one_message_after_commit(mailoutbox):
    with transaction.atomic():
        _send_welcome()
        assert mailoutbox == []

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@runners.test"]
    assert message.subject == "Welcome to Stridewell"
    assert message.from_email == "Stridewell Sports Physiotherapy <clinic@stridewell.test>"


def test_a_rolled_back_transaction_sends_nothing(mailoutbox):
    with pytest.raises(BookingError):
        _send_then_roll_back()

    assert mailoutbox == []


def test_a_rolled_back_inner_savepoint_drops_only_its_own_message(mailoutbox):
    with transaction.atomic():
        _send_welcome(to=["kept@runners.test"])
        with pytest.raises(BookingError):
            _send_then_roll_back(to=["dropped@runners.test"])

    assert [m.to for m in mailoutbox] == [["kept@runners.test"]]


def test_outside_a_transaction_the_message_goes_at_once(mailoutbox):
    _send_welcome()

    assert len(mailoutbox) == 1


def test_text_and_html_parts_are_rendered_from_the_two_templates(mailoutbox, settings):
    settings.SITE_URL = "https://clinic.example"

    _send_welcome()

    message = mailoutbox[0]
    assert message.body.startswith("Hello Ada,\n\nYour first session is on Tuesday 3 March.")
    assert "https://clinic.example/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<h1>Hello Ada</h1>" in html
    assert '<a href="https://clinic.example/">' in html


def test_text_part_is_not_html_escaped_but_the_html_part_is(mailoutbox):
    _send_welcome(context={"name": "Siobhán O'Neill & <Co>", "day": "Friday"})

    message = mailoutbox[0]
    assert "Hello Siobhán O'Neill & <Co>," in message.body
    [(html, _)] = message.alternatives
    assert "Hello Siobhán O&#x27;Neill &amp; &lt;Co&gt;" in html


def test_without_an_html_template_the_message_is_text_only(mailoutbox):
    email_send(
        to=["ada@runners.test"],
        subject="Receipt",
        template="tests_email/plain",
        context={"reference": "SW-1042"},
    )

    message = mailoutbox[0]
    assert message.body.startswith("Reference SW-1042.")
    assert message.alternatives == []


def test_a_missing_text_template_fails_before_anything_is_queued(mailoutbox):
    from django.template import TemplateDoesNotExist

    with pytest.raises(TemplateDoesNotExist):
        email_send(to=["ada@runners.test"], subject="x", template="tests_email/nope", context={})

    assert mailoutbox == []


def test_recipients_must_be_a_non_empty_list(mailoutbox):
    with pytest.raises(ValueError, match="non-empty list"):
        _send_welcome(to="ada@runners.test")
    with pytest.raises(ValueError, match="non-empty list"):
        _send_welcome(to=[])

    assert mailoutbox == []


def test_reply_to_headers_and_attachments_reach_the_message(mailoutbox):
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    pdf = bytes(range(256))

    _send_welcome(
        reply_to=["physio@stridewell.test"],
        headers={"List-Unsubscribe": "<https://clinic.example/u/abc>"},
        attachments=[
            ("visit.ics", calendar, "text/calendar"),
            ("plan.pdf", pdf, "application/pdf"),
        ],
    )

    message = mailoutbox[0]
    assert message.reply_to == ["physio@stridewell.test"]
    assert message.extra_headers["List-Unsubscribe"] == "<https://clinic.example/u/abc>"
    assert [(a.filename, a.mimetype) for a in message.attachments] == [
        ("visit.ics", "text/calendar"),
        ("plan.pdf", "application/pdf"),
    ]
    assert message.attachments[0].content == calendar.decode()
    assert message.attachments[1].content == pdf


def test_a_subject_with_line_breaks_is_folded_onto_one_line(mailoutbox):
    _send_welcome(subject="Your plan\r\nBcc: everyone@example.test")

    assert mailoutbox[0].subject == "Your plan Bcc: everyone@example.test"


def test_a_delivery_failure_is_logged_and_does_not_break_the_caller(
    mailoutbox, monkeypatch, caplog
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    with caplog.at_level(logging.ERROR, logger="stridewell.core.tasks"), transaction.atomic():
        _send_welcome()

    assert mailoutbox == []
    assert [r.getMessage() for r in caplog.records if r.name == "stridewell.core.tasks"] == [
        "e-mail 'tests_email/welcome' could not be delivered"
    ]


def test_a_failure_to_queue_is_logged_after_the_commit(monkeypatch, caplog):
    def broken_enqueue(self, task, args, kwargs):
        raise ConnectionError("task queue unavailable")

    monkeypatch.setattr("django.tasks.backends.immediate.ImmediateBackend.enqueue", broken_enqueue)

    with caplog.at_level(logging.ERROR, logger="stridewell.core.email"), transaction.atomic():
        _send_welcome()

    assert [r.getMessage() for r in caplog.records if r.name == "stridewell.core.email"] == [
        "could not queue e-mail 'tests_email/welcome'"
    ]
    assert mail.outbox == []
