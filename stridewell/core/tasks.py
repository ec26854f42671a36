"""Background tasks for shared plumbing (run by `django.tasks`; `db_worker` in production)."""

from __future__ import annotations

import base64
import logging

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.tasks import task

logger = logging.getLogger(__name__)


@task
def email_deliver(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None,
    from_email: str,
    reply_to: list[str],
    headers: dict[str, str],
    attachments: list[list[str]],
    template: str,
) -> int:
    """Send one rendered e-mail through the default mailer; returns the number sent.

    A failure is logged and re-raised, so the task result is marked failed and the database
    backend keeps the traceback for the clinic's administrator.
    """
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email,
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    for name, encoded, mimetype in attachments:
        message.attach(name, base64.b64decode(encoded), mimetype)
    try:
        sent = mail.mailers.default.send_messages([message])
    except Exception:
        logger.exception("e-mail %r could not be delivered", template)
        raise
    logger.info("e-mail %r delivered to %d recipient(s)", template, len(to))
    return int(sent or 0)
