"""Exercise names from the training app, linked in article bodies when a page is shown."""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from stridewell.journal.exercise_links import link_exercises
from stridewell.journal.models import Article

logger = logging.getLogger(__name__)
CACHE_SECONDS = 60 * 60


def exercise_targets() -> list[tuple[str, str]]:
    """(exercise name, site path) pairs from the exercise library; [] until it exists.

    Only a missing module is tolerated; any other error in the training app is a bug that
    should surface, not a silent loss of links.
    """
    try:
        from stridewell.training.selectors import exercise_link_targets
    except ImportError:
        return []
    return [(str(name), str(url)) for name, url in exercise_link_targets()]


def article_body_html(*, article: Article) -> SafeString:
    """The article's sanitised HTML with exercise names linked (cached per text and library).

    `body_html` was sanitised by nh3 when saved; the linker only adds <a> elements with
    site-relative paths it has checked, so the result is safe to mark as such.
    """
    targets = exercise_targets()
    if not targets:
        return mark_safe(article.body_html)  # noqa: S308 - sanitised on save by the service
    digest = hashlib.sha256(repr((article.body_html, sorted(targets))).encode()).hexdigest()
    key = f"journal:linked:{article.pk}:{digest[:32]}"
    html = cache.get(key)
    if html is None:
        html = link_exercises(article.body_html, targets)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - see the docstring
