"""The admin shows the newsletter read-only: no bulk actions, no list of addresses."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from stridewell.accounts.models import Role
from stridewell.newsletter.models import Consent, Delivery, DiscountCode, Issue, Subscriber

pytestmark = pytest.mark.django_db

ADDRESSES = ["ada@example.com", "bo@example.com", "cy@example.com"]


@pytest.fixture
def superuser(make_user):
    return make_user("root@stridewell.test", role=Role.STAFF, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("model", [Subscriber, DiscountCode, Issue, Delivery])
def test_no_model_has_any_bulk_action_so_nothing_can_be_exported(model, rf, superuser):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser

    assert model_admin.get_actions(request) == {}


def test_consents_are_only_shown_inside_their_subscriber():
    assert Consent not in admin.site._registry


def test_the_subscriber_list_shows_no_addresses(admin_client, confirmed_subscriber):
    for address in ADDRESSES:
        confirmed_subscriber(address)

    response = admin_client.get(reverse("admin:newsletter_subscriber_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("confirmed") >= 3
    assert "@example.com" not in html
    assert "export" not in html.lower()


def test_the_subscriber_list_has_no_search_so_no_address_ends_up_in_a_url(
    admin_client, confirmed_subscriber
):
    for address in ADDRESSES:
        confirmed_subscriber(address)
    url = reverse("admin:newsletter_subscriber_changelist")

    response = admin_client.get(url, {"q": "bo@example.com"})

    assert admin.site._registry[Subscriber].search_fields == ()
    assert 'id="searchbar"' not in response.content.decode()
    # The query is ignored: every row is listed, still without addresses.
    assert len(response.context["cl"].result_list) == 3
    assert "@example.com" not in response.content.decode()


def test_one_subscriber_page_shows_that_address_and_cannot_be_edited(
    admin_client, confirmed_subscriber
):
    subscriber = confirmed_subscriber("ada@example.com")

    response = admin_client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk]))

    html = response.content.decode()
    assert "ada@example.com" in html
    assert 'name="email"' not in html
    assert 'name="_save"' not in html


def test_subscribers_cannot_be_added_or_deleted_in_the_admin(admin_client, confirmed_subscriber):
    subscriber = confirmed_subscriber("ada@example.com")

    add = admin_client.get(reverse("admin:newsletter_subscriber_add"))
    delete = admin_client.post(
        reverse("admin:newsletter_subscriber_delete", args=[subscriber.pk]), {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert Subscriber.objects.count() == 1
