"""Canonical addresses and structured data for articles.

Canonical URLs come from SITE_URL, not from the request's Host header, so every copy of a
page (proxy, preview host, tracking parameters) points search engines at one address.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from stridewell.journal.models import Article

# Characters that could end a <script> element or start an entity inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
PUBLISHER = "Stridewell Sports Physiotherapy"


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + (path if path.startswith("/") else f"/{path}")


def article_jsonld(*, article: Article, canonical: str, image: str) -> SafeString:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.excerpt,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "author": {
            "@type": "Person",
            "name": article.author.display_name,
            "jobTitle": article.author.title,
        },
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "keywords": [tag.name for tag in article.tags.all()],
        "timeRequired": f"PT{article.reading_minutes}M",
    }
    if article.publish_at:
        data["datePublished"] = article.publish_at.isoformat()
    if article.updated_at:
        data["dateModified"] = article.updated_at.isoformat()
    if image:
        data["image"] = image
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped for a script element
