"""Posting comments from the page: htmx and the plain-form fallback give the same results."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from stridewell.journal.models import Comment
from stridewell.journal.services import comment_approve

pytestmark = pytest.mark.django_db

URL = "/journal/gluteus-medius/comments/"
HTMX = {"HTTP_HX_REQUEST": "true"}
FORM = {"name": "Hannah", "email": "hannah@example.com", "body": "Thanks, very useful."}


def test_without_javascript_a_waiting_comment_redirects_back_with_a_message(client, article):
    response = client.post(URL, FORM, follow=True)

    assert response.redirect_chain == [("/journal/gluteus-medius/#comments", 302)]
    html = response.content.decode()
    assert "Your comment will appear once the clinic has read it" in html
    assert "Thanks, very useful." not in html  # not shown until approved
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_without_javascript_a_published_comment_redirects_to_itself(
    client, article, post, staff_user
):
    comment_approve(comment=post(article, email="hannah@example.com").comment, by=staff_user)
    cache.clear()  # some time later: past flood control

    response = client.post(URL, FORM | {"body": "Second thought."})

    new = Comment.objects.latest("id")
    assert response.status_code == 302
    assert response["Location"] == f"/journal/gluteus-medius/#comment-{new.pk}"


def test_with_htmx_the_form_is_replaced_by_a_thank_you(client, article):
    response = client.post(URL, FORM, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="comment-posted" role="status"')
    assert "Your comment will appear once the clinic has read it" in html
    assert "<html" not in html


def test_with_htmx_a_published_comment_is_shown_straight_away(client, article, post, staff_user):
    comment_approve(comment=post(article, email="hannah@example.com").comment, by=staff_user)
    cache.clear()  # some time later: past flood control

    html = client.post(URL, FORM | {"body": "Visible now."}, **HTMX).content.decode()

    assert "your comment is published" in html
    assert "<p>Visible now.</p>" in html
    assert "hannah@example.com" not in html


def test_errors_show_next_to_the_fields_and_keep_what_was_typed(client, article):
    response = client.post(URL, {"name": "Hannah", "email": "nope", "body": "My long story"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "That does not look like an e-mail address; please check it." in html
    assert 'value="Hannah"' in html
    assert 'value="nope"' in html
    assert "\nMy long story</textarea>" in html
    assert '<div class="form-errors" role="alert"' in html
    assert not Comment.objects.exists()


def test_missing_required_fields_are_named(client, article):
    html = client.post(URL, {"name": "", "email": "", "body": ""}, **HTMX).content.decode()

    assert "Please tell us your name (a first name is fine)." in html
    assert "Please give your e-mail address. It is never shown." in html
    assert "Please write your comment." in html
    assert not Comment.objects.exists()


def test_flood_control_answers_429_and_keeps_the_text(client, article):
    client.post(URL, FORM)

    response = client.post(URL, FORM | {"email": "other@example.com", "body": "Quick second"})

    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert wait in {14, 15}  # the window opened with the first comment
    html = response.content.decode()
    assert f"Please wait {wait} s before posting another comment." in html
    assert "\nQuick second</textarea>" in html
    assert Comment.objects.count() == 1


def test_the_honeypot_thanks_the_bot_and_stores_nothing(client, article):
    response = client.post(URL, FORM | {"homepage": "http://spam.example"}, follow=True)

    assert "Your comment will appear once the clinic has read it" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, article):
    html = client.get("/journal/gluteus-medius/").content.decode()

    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="homepage" tabindex="-1" autocomplete="off"' in html


def test_a_script_in_a_comment_is_shown_as_text(client, article, post, staff_user):
    posted = post(article, body='<script>alert("x")</script> see javascript:alert(1)')
    comment_approve(comment=posted.comment, by=staff_user)

    html = client.get("/journal/gluteus-medius/").content.decode()

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; see javascript:alert(1)" in html
    assert '<script>alert("x")' not in html


def test_a_commenters_website_is_a_nofollow_link_on_their_name(client, article, post, staff_user):
    posted = post(article, name="Dev", website="https://dev.example/")
    comment_approve(comment=posted.comment, by=staff_user)

    html = client.get("/journal/gluteus-medius/").content.decode()

    assert '<a href="https://dev.example/" rel="nofollow ugc noopener">Dev</a>' in html


def test_no_email_address_ever_reaches_the_page(client, article, post, staff_user):
    for n in range(3):
        posted = post(article, email=f"reader{n}@example.com", notify_on_reply=True)
        comment_approve(comment=posted.comment, by=staff_user)

    html = client.get("/journal/gluteus-medius/").content.decode()

    assert "@example.com" not in html


def test_reply_form_is_fetched_under_the_comment_with_its_own_ids(
    client, article, approved_comment
):
    response = client.get(
        f"/journal/gluteus-medius/comments/form/?reply={approved_comment.pk}", **HTMX
    )

    html = response.content.decode()
    assert f'id="reply-form-{approved_comment.pk}"' in html
    assert f'name="parent" value="{approved_comment.pk}"' in html
    assert f'id="reply{approved_comment.pk}_name"' in html
    assert "Cancel reply" in html


def test_cancelling_a_reply_form_empties_its_slot(client, article):
    assert client.get("/journal/gluteus-medius/comments/form/?cancel=1").content == b""


def test_reply_forms_exist_only_for_comments_that_can_take_replies(client, article, post):
    waiting = post(article).comment

    response = client.get(f"/journal/gluteus-medius/comments/form/?reply={waiting.pk}")

    assert response.status_code == 404


def test_without_javascript_reply_links_reopen_the_page_with_a_reply_form(
    client, article, approved_comment
):
    html = client.get(f"/journal/gluteus-medius/?reply={approved_comment.pk}").content.decode()

    assert "You are replying to" in html
    assert f'name="parent" value="{approved_comment.pk}"' in html


def test_posting_a_reply_nests_it(client, article, approved_comment):
    client.post(URL, FORM | {"email": "dev@example.com", "parent": approved_comment.pk})

    reply = Comment.objects.latest("id")
    assert reply.parent == approved_comment


def test_a_reply_to_another_articles_comment_is_explained(
    client, article, make_article, post, staff_user
):
    other = make_article("Other")
    foreign = comment_approve(comment=post(other).comment, by=staff_user)

    response = client.post(URL, FORM | {"parent": foreign.pk}, **HTMX)

    assert "You can only reply to a comment on this article." in response.content.decode()
    assert Comment.objects.count() == 1


def test_comment_posting_only_accepts_post(client, article):
    assert client.get(URL).status_code == 405
