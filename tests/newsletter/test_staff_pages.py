"""Staff pages: who may open them, composing to sending, counts without addresses, look-up."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from stridewell.newsletter.issues import issue_create
from stridewell.newsletter.models import DeliveryStatus, Issue, IssueStatus, Subscriber
from tests.newsletter.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESSES = ["ada@example.com", "bo@example.com", "cy@example.com"]


@pytest.fixture
def draft(staff) -> Issue:
    return issue_create(
        subject="Taper week", preheader="", body_markdown="## Rest\n\nIt **works**.", by=staff
    )


@pytest.fixture
def list_of_three(confirmed_subscriber):
    return [confirmed_subscriber(address) for address in ADDRESSES]


def _urls(draft: Issue) -> list[tuple[str, str]]:
    pk = draft.pk
    return [
        ("get", reverse("newsletter:staff")),
        ("get", reverse("newsletter:staff_issue_new")),
        ("get", reverse("newsletter:staff_issue", args=[pk])),
        ("get", reverse("newsletter:staff_issue_edit", args=[pk])),
        ("get", reverse("newsletter:staff_issue_send", args=[pk])),
        ("get", reverse("newsletter:staff_lookup")),
        ("post", reverse("newsletter:staff_issue_preview")),
        ("post", reverse("newsletter:staff_issue_test", args=[pk])),
        ("post", reverse("newsletter:staff_lookup_export")),
        ("post", reverse("newsletter:staff_lookup_erase")),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    for method, url in _urls(draft):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("who", ["runner", "physio"])
def test_runners_and_physios_are_refused(client, draft, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)

    for method, url in _urls(draft):
        assert getattr(client, method)(url).status_code == 403, url


def test_staff_can_open_every_page(client, staff, draft):
    client.force_login(staff)

    for method, url in _urls(draft):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_overview_shows_counts_and_growth_but_no_addresses(client, staff, list_of_three):
    client.force_login(staff)

    response = client.get(reverse("newsletter:staff"))

    html = response.content.decode()
    assert '<span class="stat__value" data-testid="count-confirmed">3</span>' in html
    assert "New and departing subscribers per week" in html
    for address in ADDRESSES:
        assert address not in html
    assert "@example.com" not in html


def test_writing_a_draft_then_previewing_it(client, staff):
    client.force_login(staff)

    created = client.post(
        reverse("newsletter:staff_issue_new"),
        {"subject": " Taper   week ", "preheader": "", "body_markdown": "## Rest\n\n<b>x</b>"},
    )

    issue = Issue.objects.get()
    assert created.status_code == 302
    assert created.url == reverse("newsletter:staff_issue", args=[issue.pk])
    assert (issue.subject, issue.created_by, issue.status) == ("Taper week", staff, "draft")
    page = client.get(created.url).content.decode()
    assert "<h2>Rest</h2>" in page
    assert "<b>x</b>" not in page
    preview = client.post(
        reverse("newsletter:staff_issue_preview"), {"body_markdown": "*hi*"}, HTTP_HX_REQUEST="true"
    )
    assert preview.content.decode().strip() == "<p><em>hi</em></p>"


def test_a_draft_needs_a_subject_and_a_body(client, staff):
    client.force_login(staff)

    response = client.post(
        reverse("newsletter:staff_issue_new"), {"subject": "", "body_markdown": ""}
    )

    assert response.status_code == 200
    assert "Please check the form" in response.content.decode()
    assert Issue.objects.count() == 0


def test_sending_a_test_goes_to_the_member_of_staff(
    client, staff, draft, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter:staff_issue_test", args=[draft.pk]), follow=True)

    assert f"A test copy is on its way to {staff.email}." in response.content.decode()
    [message] = mailoutbox
    assert message.to == [staff.email]
    assert message.subject == "[Test] Taper week"


@pytest.mark.usefixtures("list_of_three")
def test_sending_needs_the_box_ticked_then_goes_to_every_subscriber(
    client, staff, draft, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    url = reverse("newsletter:staff_issue_send", args=[draft.pk])

    confirm_page = client.get(url).content.decode()
    refused = client.post(url, {})
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"checked": "on"}, follow=True)

    assert "<strong>3</strong> confirmed subscribers" in confirm_page
    assert "Tick the box to confirm the issue is ready to send." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == IssueStatus.SENT
    assert sorted(m.to[0] for m in mailoutbox if m.subject == "Taper week") == sorted(ADDRESSES)
    assert "Sending has started." in sent.content.decode()
    assert draft.send.deliveries.filter(status=DeliveryStatus.SENT).count() == 3
    # A sent issue can no longer be edited.
    edit = client.get(reverse("newsletter:staff_issue_edit", args=[draft.pk]), follow=True)
    assert "can no longer be edited" in edit.content.decode()


def test_looking_up_one_address_shows_that_person_only(client, staff, list_of_three):
    client.force_login(staff)

    response = client.post(reverse("newsletter:staff_lookup"), {"email": "BO@example.com"})

    html = response.content.decode()
    assert "bo@example.com" in html
    assert "ada@example.com" not in html
    assert "cy@example.com" not in html
    assert "Subscribed" in html


def test_staff_can_download_one_persons_data(client, staff, list_of_three):
    client.force_login(staff)

    response = client.post(reverse("newsletter:staff_lookup_export"), {"email": "bo@example.com"})

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="newsletter-data-export.json"'
    data = json.loads(response.content)
    assert data["email"] == "bo@example.com"
    assert "ada@example.com" not in response.content.decode()


def test_staff_erase_on_request_needs_the_box_ticked(client, staff, list_of_three):
    client.force_login(staff)
    url = reverse("newsletter:staff_lookup_erase")

    refused = client.post(url, {"email": "bo@example.com"})
    done = client.post(url, {"email": "bo@example.com", "confirm": "on"}, follow=True)

    assert "Tick the box to confirm the erasure request." in refused.content.decode()
    assert "Erased." in done.content.decode()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "ada@example.com",
        "cy@example.com",
    ]


def test_logging_in_as_staff_through_the_page_reaches_the_overview(client, staff):
    url = reverse("newsletter:staff")
    login = client.post(
        f"{reverse('accounts:login')}?next={url}",
        {"username": staff.email, "email": staff.email, "password": PASSWORD},
    )

    assert login.status_code == 302
    assert client.get(url).status_code == 200
