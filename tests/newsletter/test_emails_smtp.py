"""The e-mails as a real SMTP server receives them: content, links and list headers.

Runs with real commits (transactional database), so e-mails leave exactly as in production:
after the transaction, through a task, over SMTP.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from stridewell.newsletter.issues import issue_create, issue_send_start
from stridewell.newsletter.models import Consent, DiscountCode, Subscriber, SubscriberStatus
from stridewell.newsletter.services import subscriber_subscribe
from tests.newsletter.conftest import CLINIC_EMAIL, SITE_URL, token_from

pytestmark = pytest.mark.django_db(transaction=True)

LIST_UNSUBSCRIBE = re.compile(
    r"^<(?P<url>https://stridewell\.test/newsletter/unsubscribe/[^/>]+/)>, "
    r"<mailto:(?P<mailbox>[^?>]+)\?subject=unsubscribe>$"
)


def _by_subject(sink, subject: str):
    return [m for m in sink.messages() if m["Subject"] == subject]


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def _confirm_through_the_page(client: Client, sink) -> None:
    [confirmation] = _by_subject(sink, "Please confirm your Stridewell newsletter subscription")
    path = urlsplit(re.search(r"https://\S+/confirm/\S+/", _text(confirmation)).group(0)).path
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200


def test_the_confirmation_email_arrives_with_a_working_link_and_no_list_headers(smtp_sink, clinic):
    subscriber_subscribe(email="ada@example.com", source="footer")

    [message] = smtp_sink.messages()
    assert message["To"] == "ada@example.com"
    assert message["From"] == "Stridewell Sports Physiotherapy <clinic@stridewell.test>"
    assert message["Subject"] == "Please confirm your Stridewell newsletter subscription"
    # Not on the list yet, so nothing to unsubscribe from.
    assert message["List-Unsubscribe"] is None
    text = _text(message)
    assert f"{SITE_URL}/newsletter/confirm/{token_from(text)}/" in text
    assert "The link works for 48 hours." in text.replace("\r\n", "\n")
    assert "ada@example.com" not in text
    assert f"/newsletter/confirm/{token_from(text)}/" in _html(message)


def test_the_welcome_email_carries_the_code_and_one_click_unsubscribe_headers(smtp_sink, clinic):
    subscriber_subscribe(email="ada@example.com", source="footer")
    _confirm_through_the_page(Client(), smtp_sink)

    [welcome] = _by_subject(smtp_sink, "Welcome to Stridewell: your 10% code is inside")
    code = DiscountCode.objects.get()
    assert welcome["To"] == "ada@example.com"
    assert code.code in _text(welcome)
    assert f"<strong>{code.code}</strong>" in _html(welcome)
    header = LIST_UNSUBSCRIBE.match(welcome["List-Unsubscribe"])
    assert header, welcome["List-Unsubscribe"]
    assert header["mailbox"] == CLINIC_EMAIL
    assert welcome["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert welcome["List-Id"] == "Stridewell newsletter <newsletter.stridewell.test>"
    assert "ada@example.com" not in welcome["List-Unsubscribe"]
    assert header["url"] in _text(welcome)


def test_one_click_unsubscribe_from_the_header_works_by_post_without_a_csrf_token(
    smtp_sink, clinic
):
    subscriber_subscribe(email="ada@example.com", source="footer")
    _confirm_through_the_page(Client(), smtp_sink)
    [welcome] = _by_subject(smtp_sink, "Welcome to Stridewell: your 10% code is inside")
    url = LIST_UNSUBSCRIBE.match(welcome["List-Unsubscribe"])["url"]
    mail_client = Client(enforce_csrf_checks=True)  # a mail provider: no cookies, no token

    first = mail_client.post(urlsplit(url).path, {"List-Unsubscribe": "One-Click"})
    second = mail_client.post(urlsplit(url).path, {"List-Unsubscribe": "One-Click"})

    assert (first.status_code, second.status_code) == (200, 200)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    withdrawn = Consent.objects.filter(event="withdrawn")
    assert list(withdrawn.values_list("source", flat=True)) == ["one-click"]


def test_each_newsletter_copy_has_its_own_unsubscribe_link_and_headers(
    smtp_sink, clinic, confirmed_subscriber, staff
):
    ada = confirmed_subscriber("ada@example.com")
    bo = confirmed_subscriber("bo@example.com")
    issue = issue_create(
        subject="Easy weeks matter",
        preheader="Why your plan has them.",
        body_markdown="## Recovery\n\nAdaptation happens **between** sessions.",
        by=staff,
    )

    issue_send_start(issue_id=issue.pk, by=staff)

    copies = {m["To"]: m for m in _by_subject(smtp_sink, "Easy weeks matter")}
    assert set(copies) == {"ada@example.com", "bo@example.com"}
    urls = {}
    for address, subscriber in (("ada@example.com", ada), ("bo@example.com", bo)):
        message = copies[address]
        header = LIST_UNSUBSCRIBE.match(message["List-Unsubscribe"])
        assert header, message["List-Unsubscribe"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert subscriber.public_id.hex in header["url"]
        assert "<h2>Recovery</h2>" in _html(message)
        assert "Adaptation happens **between** sessions." in _text(message)
        assert header["url"] in _text(message)
        urls[address] = header["url"]
    assert urls["ada@example.com"] != urls["bo@example.com"]


def test_a_test_copy_goes_only_to_the_member_of_staff_and_is_marked(
    smtp_sink, clinic, confirmed_subscriber, staff
):
    from stridewell.newsletter.issues import issue_send_test

    confirmed_subscriber("ada@example.com")
    issue = issue_create(subject="Draft", preheader="", body_markdown="Hello.", by=staff)

    issue_send_test(issue=issue, by=staff)

    [test_copy] = _by_subject(smtp_sink, "[Test] Draft")
    assert test_copy["To"] == staff.email
    assert test_copy["List-Unsubscribe"] is None
    assert "TEST COPY" in _text(test_copy)
    assert _by_subject(smtp_sink, "Draft") == []
