"""Demo journal: three original articles and a few comments. Safe to run again.

An article whose slug already exists is left exactly as found (staff may have edited it), and
its comments are only created together with the article. Comments are written directly rather
than through `comment_post`: flood control and first-comment moderation exist to stop
strangers, not seed data, and the demo needs one comment to stay pending on purpose.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile
from stridewell.journal.demo_content import ARTICLES, COMMENTS
from stridewell.journal.identity import email_hash
from stridewell.journal.models import Article, Comment
from stridewell.journal.services import article_save, tag_get_or_create
from stridewell.journal.services.comments import CLINIC_NAME


def _author(slug: str, authors: list[PractitionerProfile], index: int) -> PractitionerProfile:
    for profile in authors:
        if profile.slug == slug:
            return profile
    return authors[index % len(authors)]


@transaction.atomic
def seed_journal_demo(*, authors: list[PractitionerProfile]) -> list[Article]:
    """Create the demo articles that are missing (with their comments); return all three."""
    if not authors:
        raise ValueError("seed_journal_demo() needs at least one practitioner as author")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    articles: list[Article] = []
    for index, spec in enumerate(ARTICLES):
        existing = Article.objects.filter(slug=spec["slug"]).first()
        if existing is not None:
            articles.append(existing)
            continue
        published = now - timedelta(days=spec["days_ago"])
        article = article_save(
            article=Article(
                title=spec["title"],
                slug=spec["slug"],
                author=_author(spec["author_slug"], authors, index),
                status=Article.Status.PUBLISHED,
                publish_at=published,
                excerpt=spec["excerpt"],
                body=spec["body"].strip(),
                hero_illustration=spec["illustration"],
                hero_alt=spec["hero_alt"],
            ),
            tags=[tag_get_or_create(name=name) for name in spec["tags"]],
            edited_at=published,
        )
        _seed_comments(article)
        articles.append(article)
    return articles


def _seed_comments(article: Article) -> None:
    created: list[Comment] = []
    start = article.publish_at or timezone.now()
    for slug, name, email, text, status, hours, reply_to, is_clinic in COMMENTS:
        if slug != article.slug:
            continue
        parent = created[reply_to] if reply_to is not None else None
        created.append(
            Comment.objects.create(
                article=article,
                parent=parent,
                depth=0 if parent is None else parent.depth + 1,
                author_name=CLINIC_NAME if is_clinic else name,
                author_email=email,
                email_hash=email_hash(email),
                body=text,
                status=status,
                hold_reason="" if status == Comment.Status.APPROVED else "first_comment",
                is_clinic_reply=is_clinic,
                created_at=start + timedelta(hours=hours),
            )
        )
