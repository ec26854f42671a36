"""The sign-up form: on its page, as an include anywhere, without JavaScript and with htmx."""

from __future__ import annotations

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from stridewell.newsletter.consent import consent_current
from stridewell.newsletter.models import Consent, Subscriber
from stridewell.newsletter.views import SIGNUP_LIMIT

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("newsletter:subscribe")
PENDING = reverse("newsletter:pending")
HTMX = {"HTTP_HX_REQUEST": "true"}
NEUTRAL = "Almost there: please check your inbox"


def _post(client, data: dict, **extra):
    body = {"email": "ada@example.com", "consent": "on", "source": "footer", "key": "footer"}
    body.update(data)
    return client.post(SUBSCRIBE, body, **extra)


def test_the_subscribe_page_shows_the_form_with_the_consent_wording(client):
    response = client.get(SUBSCRIBE)

    html = response.content.decode()
    assert response.status_code == 200
    assert SUBSCRIBE == "/newsletter/"
    assert consent_current().text in html
    assert 'name="source" value="page"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'hx-post="{SUBSCRIBE}"' in html


def test_without_javascript_a_sign_up_redirects_to_check_your_inbox(client):
    response = _post(client, {})

    assert response.status_code == 302
    assert response.url == PENDING
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.com"
    assert Consent.objects.get().source == "footer"
    assert NEUTRAL in client.get(PENDING).content.decode()


def test_with_htmx_the_confirmation_message_replaces_the_form(client):
    response = _post(client, {"source": "article", "key": "article"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="nl-signup-article"' in html
    assert 'role="status"' in html
    assert NEUTRAL in html
    assert "<html" not in html
    assert Consent.objects.get().source == "article"


def test_the_answer_is_the_same_for_a_new_and_an_already_confirmed_address(
    client, confirmed_subscriber
):
    confirmed_subscriber("known@example.com")

    new = _post(client, {"email": "new@example.com"}, **HTMX)
    known = _post(client, {"email": "known@example.com"}, **HTMX)

    assert new.status_code == known.status_code == 200
    assert new.content == known.content


def test_missing_consent_shows_the_error_keeps_the_address_and_saves_nothing(client):
    response = _post(client, {"consent": ""}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tick the box to say you would like the newsletter." in html
    assert 'value="ada@example.com"' in html
    assert 'aria-invalid="true"' in html
    assert Subscriber.objects.count() == 0


def test_a_bad_address_without_javascript_comes_back_on_the_sign_up_page(client):
    response = _post(client, {"email": "ada@"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Please check the form" in html
    assert "Enter an e-mail address such as name@example.com." in html
    # The original form is remembered, so the consent still records where it came from.
    assert 'name="source" value="footer"' in html
    assert Subscriber.objects.count() == 0


def test_a_bot_filling_the_honeypot_gets_the_same_answer_and_nothing_is_stored(client, mailoutbox):
    response = _post(client, {"website": "https://spam.example"}, **HTMX)

    assert NEUTRAL in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert Consent.objects.count() == 0
    assert mailoutbox == []


def test_too_many_sign_ups_from_one_address_are_refused(client):
    for n in range(SIGNUP_LIMIT):
        assert _post(client, {"email": f"r{n}@example.com"}).status_code == 302

    page = _post(client, {"email": "late@example.com"})
    htmx = _post(client, {"email": "later@example.com"}, **HTMX)

    assert page.status_code == 429
    assert int(page["Retry-After"]) > 0
    assert htmx.status_code == 200
    assert "several sign-ups from your connection" in htmx.content.decode()
    assert not Subscriber.objects.filter(email__in=["late@example.com", "later@example.com"])


def test_the_include_works_in_any_page_with_only_a_request_context(rf: RequestFactory):
    template = Template(
        '{% include "newsletter/_signup_form.html" with source="article" %}'
        '{% include "newsletter/_signup_form.html" with source="footer" %}'
    )
    request = rf.get("/journal/some-article/")

    html = template.render(RequestContext(request, {}))

    assert html.count('name="csrfmiddlewaretoken"') == 2
    assert 'name="source" value="article"' in html
    assert 'name="source" value="footer"' in html
    # Two forms on one page never share an id.
    assert 'id="nl-article-email"' in html
    assert 'id="nl-footer-email"' in html
    assert consent_current().text in html


def test_the_include_without_a_source_names_the_form_website(rf):
    html = Template('{% include "newsletter/_signup_form.html" %}').render(
        RequestContext(rf.get("/"), {})
    )

    assert 'name="source" value="website"' in html


def test_the_include_ignores_a_page_variable_that_happens_to_be_called_form(rf):
    # e.g. the enquiry page has its own bound `form` in the context.
    html = Template('{% include "newsletter/_signup_form.html" with source="footer" %}').render(
        Context({"form": object(), "newsletter_form": None})
    )

    assert 'aria-invalid="true"' not in html
