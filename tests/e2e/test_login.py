"""Logging in through the real page: success reaches the signed-in header; a wrong password is
explained next to the form and keeps what was typed."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amara.okafor@example.test"
PASSWORD = "long-run-sunday-42"


@pytest.fixture
def runner():
    return get_user_model().objects.create_user(
        email=EMAIL, password=PASSWORD, first_name="Amara", last_name="Okafor"
    )


def _fill_login_form(page, *, email: str, password: str) -> None:
    main = page.locator("main")
    main.get_by_label(re.compile(r"^E-mail", re.IGNORECASE)).fill(email)
    main.get_by_label(re.compile(r"^Password", re.IGNORECASE)).fill(password)
    main.get_by_role("button", name=re.compile(r"^Log in$", re.IGNORECASE)).click()
    page.wait_for_load_state()


def test_runner_logs_in_and_sees_their_name_in_the_header(browser_page, live_server, runner):
    page = browser_page.page
    page.goto(live_server.url + "/accounts/login/")

    _fill_login_form(page, email=EMAIL, password=PASSWORD)

    header = page.locator("header.site-header")
    current_user = header.get_by_test_id("current-user")
    current_user.wait_for()
    assert current_user.inner_text().split()[-1] == "Amara"
    assert header.get_by_role("button", name="Log out").is_visible()
    assert header.get_by_role("link", name="Log in").count() == 0
    # A runner is not staff: no admin link.
    assert header.get_by_role("link", name="Admin").count() == 0


def test_wrong_password_shows_an_error_by_the_form_and_keeps_the_email(
    browser_page, live_server, runner
):
    page = browser_page.page
    page.goto(live_server.url + "/accounts/login/")

    _fill_login_form(page, email=EMAIL, password="not-my-password")

    main = page.locator("main")
    summary = main.locator(".form-errors")
    assert summary.is_visible()
    assert "do not match" in summary.inner_text()
    # "Near the form": the summary sits directly above the e-mail field, not somewhere else.
    email_field = main.get_by_label(re.compile(r"^E-mail", re.IGNORECASE))
    summary_box, field_box = summary.bounding_box(), email_field.bounding_box()
    gap = field_box["y"] - (summary_box["y"] + summary_box["height"])
    assert 0 <= gap < 200
    # Nothing typed is lost (except the password, which is never echoed back).
    assert email_field.input_value() == EMAIL
    assert main.get_by_label(re.compile(r"^Password", re.IGNORECASE)).input_value() == ""
    # And nobody was logged in.
    header = page.locator("header.site-header")
    assert header.get_by_test_id("current-user").count() == 0
    assert header.get_by_role("link", name="Log in").is_visible()
