"""Transactional e-mail: render now, deliver after the surrounding transaction commits.

`email_send` renders the templates straight away (while the data it describes is known to be
consistent) and hands plain strings to the `email_deliver` task once the transaction commits.
If the transaction rolls back, the e-mail is dropped: nobody hears about a booking that never
happened. Delivery itself runs in a task, so a slow or broken mail server never holds up a
request in production (the database task backend runs it in `manage.py db_worker`).
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def _render(template: str, context: dict[str, Any]) -> tuple[str, str | None]:
    full_context = {"site_url": settings.SITE_URL, **context}
    text = render_to_string(f"{template}.txt", full_context)
    try:
        html: str | None = render_to_string(f"{template}.html", full_context)
    except TemplateDoesNotExist:
        html = None
    return text, html


def email_send(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict[str, Any],
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render `<template>.txt` (and `<template>.html` if present) and send once committed.

    Call it from inside a service's transaction: nothing leaves before COMMIT, and nothing
    at all if the transaction rolls back. Outside a transaction it is queued at once.
    `attachments` are (filename, content, MIME type) triples.
    """
    if isinstance(to, str) or not to:
        raise ValueError("email_send() needs a non-empty list of recipients")
    text, html = _render(template, context)
    payload: dict[str, Any] = {
        "to": list(to),
        # Header values must be one line; templates and titles sometimes carry a newline.
        "subject": " ".join(subject.split()),
        "text": text,
        "html": html,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "reply_to": list(reply_to or []),
        "headers": dict(headers or {}),
        # Task arguments must be JSON: bytes travel as base64 text.
        "attachments": [
            [name, base64.b64encode(content).decode("ascii"), mimetype]
            for name, content, mimetype in attachments or []
        ],
        "template": template,
    }
    transaction.on_commit(lambda: _enqueue(payload))


def _enqueue(payload: dict[str, Any]) -> None:
    from stridewell.core.tasks import email_deliver

    try:
        email_deliver.enqueue(**payload)
    except Exception:
        # The transaction has already committed; failing the request now would only hide
        # the success from the user. Log loudly instead so the clinic can follow up.
        logger.exception("could not queue e-mail %r", payload["template"])
