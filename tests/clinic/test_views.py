"""The public "Visit us" page."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from stridewell.clinic.services import closure_create

DASH = "\u2013"


@pytest.mark.django_db
def test_visit_page_lives_at_clinic():
    assert reverse("clinic:visit") == "/clinic/"


@pytest.mark.django_db
def test_visit_page_shows_address_stations_hours_and_cover(client, profile, stations, usual_week):
    closure_create(
        start_date=date(2099, 12, 25), end_date=date(2099, 12, 25), reason="Christmas Day"
    )

    response = client.get("/clinic/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>Visit us</h1>", html)
    address = re.search(r"<address[^>]*>(.*?)</address>", html, re.S).group(1)
    assert "Unit 4, Kestrel Yard" in address
    assert "SE1 1ZZ" in address
    assert "London Bridge</strong> (Jubilee, Northern, National Rail): 8 min walk" in html
    assert '<th scope="row">Monday' in html
    assert f"<td>07:00{DASH}20:00</td>" in html
    assert "Christmas Day" in html
    assert 'href="tel:+447700900321"' in html
    assert 'id="book"' in html
    assert " style=" not in html


@pytest.mark.django_db
def test_visit_page_carries_json_ld_with_the_csp_nonce(client, profile, usual_week):
    response = client.get("/clinic/")

    html = response.content.decode()
    match = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert match is not None
    assert match.group(1) in response.headers["Content-Security-Policy"]
    assert json.loads(match.group(2))["name"] == "Stridewell Sports Physiotherapy"


@pytest.mark.django_db
def test_visit_page_without_a_profile_says_so(client):
    response = client.get("/clinic/")

    assert response.status_code == 200
    assert b'data-testid="clinic-missing"' in response.content
    assert b"application/ld+json" not in response.content


@pytest.mark.django_db
def test_visit_page_reads_the_clinic_once(
    client, profile, stations, usual_week, django_assert_max_num_queries
):
    # 4 for the shared overview (page and footer) + 1 for the closures list.
    with django_assert_max_num_queries(5):
        assert client.get("/clinic/").status_code == 200


@pytest.mark.django_db
def test_visit_page_refuses_post(client):
    assert client.post("/clinic/").status_code == 405
