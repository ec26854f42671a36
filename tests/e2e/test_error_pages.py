"""Error pages: a friendly 404 in the site's frame, and a 500 that needs nothing but a template."""

from __future__ import annotations

import re

import pytest
from django.db import DatabaseError
from django.test import RequestFactory

from stridewell.core.views import server_error


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_unknown_page_is_a_friendly_404_with_a_way_home(browser_page, live_server):
    page = browser_page.page

    response = page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "We can't find that page"
    home_link = page.locator("main").get_by_role("link", name="Go to the home page")
    assert home_link.get_attribute("href") == "/"
    assert [m for m in browser_page.console if "Content Security Policy" in m] == []


def test_server_error_page_renders_without_the_database(monkeypatch):
    """The 500 page must not touch the database: it may be the thing that failed."""
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)

    response = server_error(RequestFactory().get("/boom"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/site\.css">', html)
    # The CSP forbids inline styles and un-nonced scripts; this page has no nonce to give.
    assert "style=" not in html
    assert "<style" not in html
    assert "<script" not in html
