"""/api/journal: published articles, approved comments without addresses, posting by the rules."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from stridewell.journal.models import Article, Comment
from stridewell.journal.services import article_save, comment_approve

pytestmark = pytest.mark.django_db

BASE = "/api/journal/articles"


def post_json(client, url, payload, **extra):
    return client.post(url, json.dumps(payload), content_type="application/json", **extra)


def comment_payload(**fields):
    return {"name": "Hannah", "email": "hannah@example.com", "text": "Thanks!"} | fields


def test_list_published_articles_newest_first_with_paging(client, make_article):
    now = timezone.now()
    for n in range(12):
        make_article(f"Piece {n:02d}", publish_at=now - timedelta(days=n + 1), tags=["Hip"])
    make_article("Draft", status=Article.Status.DRAFT, publish_at=None)

    first = client.get(BASE).json()
    second = client.get(f"{BASE}?page=2").json()

    assert (first["count"], first["page"], first["pages"]) == (12, 1, 2)
    assert [a["title"] for a in first["items"]][:2] == ["Piece 00", "Piece 01"]
    assert [a["title"] for a in second["items"]] == ["Piece 10", "Piece 11"]
    item = first["items"][0]
    assert item["url"] == f"https://stridewell.test/journal/{item['slug']}/"
    assert item["author"] == {"name": "Callum Reid", "title": "Sports Physiotherapist"}
    assert item["tags"] == [{"name": "Hip", "slug": "hip"}]
    assert "body_html" not in item


def test_list_can_be_filtered_by_tag(client, make_article):
    make_article("Tendon", tags=["Tendons"])
    make_article("Other")

    body = client.get(f"{BASE}?tag=tendons").json()

    assert [a["title"] for a in body["items"]] == ["Tendon"]
    assert client.get(f"{BASE}?tag=nope").json()["error"]["code"] == "not_found"


def test_a_page_past_the_end_is_not_found(client, make_article):
    make_article()

    response = client.get(f"{BASE}?page=9")

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "No such page of articles.", "fields": {}}
    }


def test_read_an_article_with_its_sanitised_html(client, article):
    body = client.get(f"{BASE}/gluteus-medius").json()

    assert body["title"] == "Why the gluteus medius matters"
    assert (
        body["body_html"]
        == "<h2>The muscle</h2>\n<p>It keeps the <strong>pelvis</strong> level.</p>\n"
    )
    assert body["reading_minutes"] == 1
    assert body["comments_open"] is True


def test_an_unknown_article_is_not_found_in_the_error_shape(client, db):
    response = client.get(f"{BASE}/nope")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_comments_are_approved_only_oldest_first_and_never_carry_an_address(
    client, article, post, approved_comment, staff_user
):
    post(article, email="waiting@example.com", body="Waiting")
    reply = comment_approve(
        comment=post(
            article, parent_id=approved_comment.pk, email="dev@example.com", body="Reply"
        ).comment,
        by=staff_user,
    )

    response = client.get(f"{BASE}/gluteus-medius/comments")

    body = response.json()
    assert [c["body"] for c in body] == ["Thanks, very useful.", "Reply"]
    assert body[1]["parent_id"] == approved_comment.pk
    assert body[1]["id"] == reply.pk
    assert set(body[0]) == {
        "id",
        "parent_id",
        "depth",
        "author_name",
        "author_website",
        "is_clinic_reply",
        "body",
        "body_html",
        "created_at",
    }
    assert "@" not in response.content.decode()


def test_posting_a_first_comment_answers_pending_without_echoing_it(client, article):
    response = post_json(client, f"{BASE}/gluteus-medius/comments", comment_payload())

    assert response.status_code == 201
    assert response.json() == {
        "status": "pending",
        "message": (
            "Thank you. Your comment will appear once the clinic has read it, usually within a "
            "working day."
        ),
        "comment": None,
    }
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_known_commenter_is_published_at_once_and_gets_the_comment_back(
    client, article, post, staff_user
):
    comment_approve(comment=post(article, email="hannah@example.com").comment, by=staff_user)
    cache.clear()  # later: past flood control

    response = post_json(
        client, f"{BASE}/gluteus-medius/comments", comment_payload(text="Line 1\nhttps://a.example")
    )

    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "published"
    assert body["comment"]["body_html"] == (
        '<p>Line 1<br>\n<a href="https://a.example" rel="nofollow ugc">https://a.example</a></p>'
    )
    assert "hannah@example.com" not in response.content.decode()


def test_invalid_fields_answer_422_with_a_message_per_field(client, article):
    response = post_json(
        client,
        f"{BASE}/gluteus-medius/comments",
        {"name": "", "email": "bad", "text": "", "website": "javascript:alert(1)"},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"name", "email", "text", "website"}
    assert not Comment.objects.exists()


def test_missing_fields_answer_422(client, article):
    response = post_json(client, f"{BASE}/gluteus-medius/comments", {"name": "A"})

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"email", "text"}


def test_a_reply_to_another_articles_comment_answers_422_on_parent_id(
    client, article, make_article, post, staff_user
):
    other = make_article("Other")
    foreign = comment_approve(comment=post(other).comment, by=staff_user)

    response = post_json(
        client, f"{BASE}/gluteus-medius/comments", comment_payload(parent_id=foreign.pk)
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "parent_id": ["You can only reply to a comment on this article."]
    }


def test_commenting_on_a_draft_is_not_found(client, make_article):
    make_article(slug="draft", status=Article.Status.DRAFT, publish_at=None)

    response = post_json(client, f"{BASE}/draft/comments", comment_payload())

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_commenting_when_closed_answers_409(client, article):
    article.comments_open = False
    article_save(article=article)

    response = post_json(client, f"{BASE}/gluteus-medius/comments", comment_payload())

    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "comments_closed",
        "message": "Comments are closed on this article.",
        "fields": {},
    }


def test_flood_control_answers_429_with_retry_after(client, article):
    post_json(client, f"{BASE}/gluteus-medius/comments", comment_payload())

    response = post_json(
        client,
        f"{BASE}/gluteus-medius/comments",
        comment_payload(email="b@example.com", text="Second"),
    )

    assert response.status_code == 429
    # The window opened with the first comment; a slow machine may already be a second in.
    assert int(response["Retry-After"]) in {14, 15}
    assert response.json()["error"]["code"] == "rate_limited"
    assert Comment.objects.count() == 1


def test_the_comment_operation_documents_its_409_and_429(client):
    document = client.get("/api/openapi.json").json()

    answers = document["paths"][f"{BASE}/{{slug}}/comments"]["post"]["responses"]

    assert {"409", "429"} <= set(answers)  # the schemathesis run found the 429 undocumented


def test_resending_the_same_comment_answers_200_with_the_same_result(client, article):
    first = post_json(client, f"{BASE}/gluteus-medius/comments", comment_payload())
    again = post_json(client, f"{BASE}/gluteus-medius/comments", comment_payload())

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["status"] == "pending"
    assert Comment.objects.count() == 1
