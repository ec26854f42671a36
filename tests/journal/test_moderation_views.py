"""The moderation queue on the site: clinic staff only; approve, spam, delete, reply."""

from __future__ import annotations

import pytest

from stridewell.accounts.models import Role
from stridewell.journal.models import Comment

pytestmark = pytest.mark.django_db

QUEUE = "/journal/moderation/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def waiting(article, post) -> Comment:
    return post(article, name="Dev", email="dev@example.com", body="Is this normal?").comment


def pages(comment: Comment) -> list[tuple[str, str]]:
    return [
        ("get", QUEUE),
        ("post", f"{QUEUE}{comment.pk}/approve/"),
        ("post", f"{QUEUE}{comment.pk}/spam/"),
        ("post", f"{QUEUE}{comment.pk}/delete/"),
        ("get", f"{QUEUE}{comment.pk}/reply/"),
        ("post", f"{QUEUE}{comment.pk}/reply/"),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, waiting):
    for method, url in pages(waiting):
        response = getattr(client, method)(url, {"body": "x"} if method == "post" else None)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize("role", [Role.RUNNER, Role.PHYSIO])
def test_runners_and_physios_are_refused(client, waiting, make_user, role):
    client.force_login(make_user(f"{role}@example.com", role=role))

    for method, url in pages(waiting):
        response = getattr(client, method)(url, {"body": "x"} if method == "post" else None)
        assert response.status_code == 403, url
    assert Comment.objects.count() == 1
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_staff_see_waiting_comments_with_the_reason_but_never_the_address(staff_client, waiting):
    html = staff_client.get(QUEUE).content.decode()

    assert "Is this normal?" in html
    assert "Why it waits: First comment from this address" in html
    assert 'Waiting for moderation <span class="mod-tabs__count">(1)</span>' in html
    assert "dev@example.com" not in html


def test_a_superuser_without_the_staff_role_may_moderate(client, waiting, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.com", password="x")
    client.force_login(admin)

    assert client.get(QUEUE).status_code == 200


def test_approving_without_javascript_returns_to_the_queue(staff_client, waiting):
    response = staff_client.post(
        f"{QUEUE}{waiting.pk}/approve/", {"next": "/journal/moderation/?status=pending"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/journal/moderation/?status=pending"
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_the_return_address_cannot_leave_the_site(staff_client, waiting):
    response = staff_client.post(f"{QUEUE}{waiting.pk}/spam/", {"next": "https://evil.example/"})

    assert response["Location"] == "/journal/moderation/"
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_approving_with_htmx_swaps_the_item_for_its_new_state(staff_client, waiting):
    html = staff_client.post(f"{QUEUE}{waiting.pk}/approve/", **HTMX).content.decode()

    assert html.lstrip().startswith('<li class="mod-item card"')
    assert "Approved: the comment is now on the article." in html
    assert '<span class="status status--approved">Approved</span>' in html
    assert "dev@example.com" not in html


def test_deleting_with_htmx_leaves_only_the_notice(staff_client, waiting):
    html = staff_client.post(f"{QUEUE}{waiting.pk}/delete/", **HTMX).content.decode()

    assert "Deleted, with the commenter&#x27;s details." in html
    assert f'id="mod-{waiting.pk}"' in html
    assert not Comment.objects.exists()


def test_unknown_actions_and_comments_are_not_found(staff_client, waiting):
    assert staff_client.post(f"{QUEUE}{waiting.pk}/publish/").status_code == 404
    assert staff_client.post(f"{QUEUE}999999/approve/").status_code == 404
    assert staff_client.get(f"{QUEUE}?status=removed").status_code == 404


def test_replying_as_the_clinic_publishes_the_reply_and_approves_the_comment(staff_client, waiting):
    response = staff_client.post(f"{QUEUE}{waiting.pk}/reply/", {"body": "Yes, quite normal."})

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.APPROVED
    reply = Comment.objects.get(is_clinic_reply=True)
    assert (reply.parent, reply.body, reply.status) == (waiting, "Yes, quite normal.", "approved")


def test_an_empty_clinic_reply_is_explained_and_nothing_is_posted(staff_client, waiting):
    response = staff_client.post(f"{QUEUE}{waiting.pk}/reply/", {"body": ""})

    assert response.status_code == 200
    assert "Write the reply first." in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_clinic_reply_shows_on_the_article_with_a_badge(client, staff_client, waiting):
    staff_client.post(f"{QUEUE}{waiting.pk}/reply/", {"body": "Yes, quite normal."})
    client.logout()

    html = client.get("/journal/gluteus-medius/").content.decode()

    assert '<span class="badge badge--clinic">Clinic team</span>' in html
    assert "<p>Yes, quite normal.</p>" in html


def test_the_other_lists_show_approved_and_spam(staff_client, waiting):
    staff_client.post(f"{QUEUE}{waiting.pk}/spam/")

    assert "Is this normal?" not in staff_client.get(QUEUE).content.decode()
    assert "Is this normal?" in staff_client.get(f"{QUEUE}?status=spam").content.decode()
