"""The journal in a real browser: read an article, follow a related one, post a comment that
waits, a member of staff approves it in the site's moderation queue, and it appears. No e-mail
address is ever in the page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from stridewell.accounts.models import Role, User
from stridewell.accounts.services import practitioner_profile_create
from stridewell.journal.models import Article
from stridewell.journal.services import article_save, tag_get_or_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_EMAIL = "jess@stridewell.test"
STAFF_PASSWORD = "moderate-with-care-7"
READER_EMAIL = "amara.okafor@example.test"
ANY_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(autouse=True)
def _journal_urls(settings):
    # The project's URLs plus /robots.txt and /sitemap.xml; see tests/journal/urls.py.
    settings.ROOT_URLCONF = "tests.journal.urls"


@pytest.fixture
def articles() -> tuple[Article, Article]:
    physio = User.objects.create_user(
        email="callum@stridewell.test", password="x", role=Role.PHYSIO
    )
    author = practitioner_profile_create(
        user=physio, display_name="Callum Reid", title="Sports Physiotherapist", slug="callum"
    )
    hip = tag_get_or_create(name="Hip")
    now = timezone.now()
    first = article_save(
        article=Article(
            title="Why the gluteus medius matters",
            slug="gluteus-medius",
            author=author,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=3),
            excerpt="It keeps your pelvis level on every stride.",
            body="## On one leg\n\nEvery stride is a balance on one leg.",
        ),
        tags=[hip],
    )
    second = article_save(
        article=Article(
            title="Banded side steps, done well",
            slug="banded-side-steps",
            author=author,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=1),
            excerpt="Small steps, big effect.",
            body="Keep the toes forward and stay low.",
        ),
        tags=[hip],
    )
    return first, second


@pytest.fixture
def staff() -> User:
    return User.objects.create_user(
        email=STAFF_EMAIL, password=STAFF_PASSWORD, role=Role.STAFF, first_name="Jess"
    )


def assert_no_email_in(page) -> None:
    html = page.content()
    assert READER_EMAIL not in html
    assert ANY_EMAIL.findall(html) == []


def test_read_follow_related_comment_moderate_and_see_it(
    browser_page, live_server, articles, staff, screenshot_dir
):
    page = browser_page.page

    # A reader finds the article in the journal and reads it.
    page.goto(live_server.url + "/journal/")
    page.get_by_role("link", name="Why the gluteus medius matters", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Why the gluteus medius matters"
    assert (
        "Every stride is a balance on one leg." in page.get_by_test_id("article-body").inner_text()
    )

    # "Read more" leads to the related article.
    related = page.get_by_test_id("related")
    related.get_by_role("link", name="Banded side steps, done well").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/journal/banded-side-steps/"

    # The reader comments (htmx swaps the form for the answer); it waits for moderation.
    form = page.get_by_test_id("comment-form")
    form.get_by_label("Name", exact=True).fill("Amara")
    form.get_by_label("E-mail", exact=True).fill(READER_EMAIL)
    form.get_by_label("Comment", exact=True).fill("Do I keep the band at my feet or my knees?")
    form.get_by_role("button", name="Post comment").click()
    posted = page.get_by_test_id("comment-posted")
    posted.wait_for()
    assert "will appear once the clinic has read it" in posted.inner_text()
    assert page.get_by_test_id("comment").count() == 0
    assert_no_email_in(page)
    page.screenshot(path=str(screenshot_dir / "journal-comment-waiting.png"), full_page=True)

    # A member of staff logs in and approves it from the moderation queue on the site.
    page.goto(live_server.url + "/accounts/login/")
    main = page.locator("main")
    main.get_by_label(re.compile(r"^E-mail", re.IGNORECASE)).fill(STAFF_EMAIL)
    main.get_by_label(re.compile(r"^Password", re.IGNORECASE)).fill(STAFF_PASSWORD)
    main.get_by_role("button", name=re.compile(r"^Log in$", re.IGNORECASE)).click()
    page.get_by_test_id("current-user").wait_for()
    page.goto(live_server.url + "/journal/moderation/")
    item = page.get_by_test_id("moderation-item").filter(has_text="band at my feet")
    assert "First comment from this address" in item.inner_text()
    assert_no_email_in(page)
    item.get_by_role("button", name=re.compile(r"^Approve")).click()
    page.get_by_text("Approved: the comment is now on the article.").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()

    # Back on the article, anyone can now read the comment.
    page.goto(live_server.url + "/journal/banded-side-steps/")
    comment = page.get_by_test_id("comment")
    assert comment.count() == 1
    assert "Amara" in comment.inner_text()
    assert "Do I keep the band at my feet or my knees?" in comment.inner_text()
    assert page.locator("#comments-heading").inner_text() == "Comments (1)"
    assert_no_email_in(page)
    assert browser_page.csp_violations() == []
    page.screenshot(path=str(screenshot_dir / "journal-comment-approved.png"), full_page=True)


def test_without_javascript_the_comment_form_still_works(browser, live_server, articles):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/journal/gluteus-medius/")
        form = page.get_by_test_id("comment-form")
        form.get_by_label("Name", exact=True).fill("Amara")
        form.get_by_label("E-mail", exact=True).fill("not an address")
        form.get_by_label("Comment", exact=True).fill("Keep this text, please.")
        form.get_by_role("button", name="Post comment").click()
        page.wait_for_load_state()

        # The page comes back with the error by the field and nothing typed is lost.
        assert (
            "That does not look like an e-mail address" in page.locator(".form-errors").inner_text()
        )
        assert page.get_by_label("Comment", exact=True).input_value() == "Keep this text, please."

        page.get_by_label("E-mail", exact=True).fill(READER_EMAIL)
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_load_state()
        assert page.url.endswith("/journal/gluteus-medius/#comments")
        assert "will appear once the clinic has read it" in page.locator("#messages").inner_text()
        assert READER_EMAIL not in page.content()
    finally:
        context.close()


def test_replying_opens_a_form_under_the_comment_and_can_be_cancelled(
    browser_page, live_server, articles, staff
):
    from stridewell.journal.services import comment_approve, comment_post

    first, _ = articles
    posted = comment_post(
        article=first,
        name="Dev",
        email="dev@example.test",
        body="Band at the feet?",
        client_ip="192.0.2.10",
    )
    comment_approve(comment=posted.comment, by=staff)
    page = browser_page.page
    page.goto(live_server.url + "/journal/gluteus-medius/")

    comment = page.get_by_test_id("comment")
    comment.get_by_role("link", name="Reply to Dev").click()
    reply_form = comment.get_by_test_id("comment-form")
    reply_form.wait_for()
    assert reply_form.get_by_role("heading").inner_text() == "Reply to Dev"
    reply_form.get_by_role("link", name="Cancel reply").click()
    reply_form.wait_for(state="detached")

    comment.get_by_role("link", name="Reply to Dev").click()
    reply_form = comment.get_by_test_id("comment-form")
    reply_form.get_by_label("Name", exact=True).fill("Amara")
    reply_form.get_by_label("E-mail", exact=True).fill(READER_EMAIL)
    reply_form.get_by_label("Comment", exact=True).fill("At the feet works for me.")
    reply_form.get_by_role("button", name="Post reply").click()
    notice = comment.get_by_test_id("comment-posted")
    notice.wait_for()
    assert "will appear once the clinic has read it" in notice.inner_text()
    # The page's own comment form is still there for a new comment.
    assert page.locator("#comment-form").count() == 1
    assert_no_email_in(page)
    assert browser_page.csp_violations() == []
