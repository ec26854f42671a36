"""Journal data: articles with tags, and readers' comments.

Rules live in the services (`services/`) and the pure modules; the models hold fields,
constraints and a few read-only conveniences.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

from stridewell.accounts.models import PractitionerProfile, User

# Paths under /journal/ that an article slug must not take.
RESERVED_SLUGS = frozenset({"search", "tags", "feed", "moderation", "comments", "page"})

# Illustrations shipped with the app (static/journal/illustrations/), usable as a hero image.
ILLUSTRATIONS = (
    ("journal/illustrations/pelvis-level.svg", "Runner on one leg with a level pelvis"),
    ("journal/illustrations/hamstring.svg", "Back of the thigh with the hamstring tendon"),
    ("journal/illustrations/ski-slope.svg", "Skier on a slope under mountains"),
)


_SLUG_MARK = "0slug0mark0"
_URL_TEMPLATES: dict[tuple[str, str, object, str], str] = {}


def _path_for(view: str, slug: str) -> str:
    """`reverse(view, slug=slug)`, resolving the pattern once per URL configuration.

    List pages link every article and tag two or three times; a full `reverse` for each
    was a measurable share of the page (see bench/bench_journal.py). Slugs are already
    URL-safe, so putting one into the resolved pattern needs no quoting.
    """
    key = (view, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    template = _URL_TEMPLATES.get(key)
    if template is None:
        template = reverse(view, kwargs={"slug": _SLUG_MARK})
        _URL_TEMPLATES[key] = template
    return template.replace(_SLUG_MARK, slug)


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            f"“{value}” is used by another journal page; choose a different slug.",
            code="reserved_slug",
        )


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return _path_for("journal:tag", self.slug)


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, *, now: datetime | None = None) -> ArticleQuerySet:
        """Visible to readers: marked published and its publication time has come."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=160)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text="The end of the article's address. Changing it breaks links already shared.",
    )
    author = models.ForeignKey(
        PractitionerProfile, on_delete=models.PROTECT, related_name="articles"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When readers can first see it (London time). A future time schedules it; "
            "it stays hidden, and out of feeds, until then."
        ),
    )
    updated_at = models.DateTimeField(
        editable=False,
        null=True,
        help_text="Last change to the title, summary or text.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    hero_image = models.ImageField(
        upload_to="journal/heroes/%Y/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        help_text="A wide photograph or drawing, at least 1200 px across.",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_illustration = models.CharField(
        max_length=120,
        blank=True,
        choices=ILLUSTRATIONS,
        help_text="Or one of the clinic's own illustrations, used when there is no image.",
    )
    hero_alt = models.CharField(
        "hero image description",
        max_length=250,
        blank=True,
        help_text=(
            "What the picture shows, for people who cannot see it. Required with a picture."
        ),
    )
    excerpt = models.TextField(
        "summary",
        max_length=300,
        help_text="One or two sentences for the list page, search results, feeds and sharing.",
    )
    body = models.TextField(help_text="Markdown. Raw HTML is not allowed and is shown as text.")
    body_html = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    comments_open = models.BooleanField(default=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ("-publish_at", "-id")
        indexes = (models.Index(fields=("status", "publish_at"), name="journal_art_visible_idx"),)
        constraints = (
            models.CheckConstraint(
                condition=Q(status="draft") | Q(publish_at__isnull=False),
                name="journal_article_published_has_date",
                violation_error_message="A published article needs a publication time.",
            ),
            models.CheckConstraint(
                condition=(Q(hero_image="") & Q(hero_illustration="")) | ~Q(hero_alt=""),
                name="journal_article_hero_has_alt",
                violation_error_message="Describe the hero picture for readers who cannot see it.",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _path_for("journal:article", self.slug)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            errors["publish_at"] = "Give a publication time (now or later) to publish."
        if (self.hero_image or self.hero_illustration) and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the picture for readers who cannot see it."
        if errors:
            raise ValidationError(errors)

    def is_visible(self, *, now: datetime | None = None) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= (now or timezone.now())
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_visible()

    @property
    def hero_url(self) -> str:
        """Site-relative address of the hero picture, or "" when there is none."""
        if self.hero_image:
            return self.hero_image.url
        if self.hero_illustration:
            return static(self.hero_illustration)
        return ""

    @property
    def was_updated(self) -> bool:
        """Changed on a later day than it was published (worth telling readers)."""
        if self.updated_at is None or self.publish_at is None:
            return False
        return timezone.localdate(self.updated_at) > timezone.localdate(self.publish_at)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        # Deleted by a moderator while it had replies: kept as an empty placeholder so the
        # replies still make sense. Name, e-mail and text are wiped.
        REMOVED = "removed", "Removed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author_name = models.CharField(max_length=80)
    # Kept so the clinic can reach the commenter and send reply notices; never rendered on a
    # page, in an e-mail to anyone else, or returned by the API.
    author_email = models.EmailField(blank=True)
    # HMAC of the normalised address: how we recognise a returning commenter without
    # comparing (or indexing) the address itself.
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    author_website = models.URLField(max_length=200, blank=True)
    body = models.TextField(max_length=3000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    hold_reason = models.CharField(max_length=20, blank=True, editable=False)
    is_clinic_reply = models.BooleanField(default=False, editable=False)
    posted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    notify_on_reply = models.BooleanField(default=False)
    reply_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ("created_at", "id")
        indexes = (
            models.Index(fields=("article", "status", "created_at"), name="journal_cmt_thread_idx"),
            models.Index(fields=("status", "created_at"), name="journal_cmt_queue_idx"),
        )
        constraints = (
            models.CheckConstraint(condition=Q(depth__lte=2), name="journal_comment_depth_max_2"),
        )

    def __str__(self) -> str:
        return f"{self.author_name} on {self.article_id}: {self.body[:40]}"

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"
