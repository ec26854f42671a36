"""Validation of what a reader submits as a comment. Shared by the form page and the API."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from stridewell.journal.identity import email_normalise

NAME_MAX = 80
EMAIL_MAX = 254
WEBSITE_MAX = 200
BODY_MAX = 3000
BODY_MIN = 2
# C0 control characters other than tab and newlines: never typed on purpose, and PostgreSQL
# refuses NUL in text outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINK_IN_NAME = re.compile(r"https?://|www\.|\.(?:com|net|org|ru|info|biz|xyz)\b", re.I)
_website_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True, slots=True)
class CommentInput:
    name: str
    email: str
    website: str
    body: str


def _strip_controls(value: str | None) -> str:
    return _CONTROL.sub("", value or "")


def _name_error(name: str) -> str | None:
    if not name:
        return "Please tell us your name (a first name is fine)."
    if len(name) > NAME_MAX:
        return f"Please keep your name to {NAME_MAX} characters."
    if _LINK_IN_NAME.search(name):
        return "Please give your name rather than a web address."
    return None


def _email_error(email: str) -> str | None:
    if not email:
        return "Please give your e-mail address. It is never shown to anyone."
    if len(email) > EMAIL_MAX:
        return f"An e-mail address cannot be longer than {EMAIL_MAX} characters."
    try:
        validate_email(email)
    except ValidationError:
        return "That does not look like an e-mail address; please check it."
    return None


def _website_error(website: str) -> str | None:
    if not website:
        return None
    if len(website) > WEBSITE_MAX:
        return f"Please keep the address to {WEBSITE_MAX} characters."
    try:
        _website_validator(website)
    except ValidationError:
        return "Give a full web address starting with https:// (or leave it empty)."
    return None


def _body_error(body: str) -> str | None:
    if len(body) < BODY_MIN:
        return "Please write your comment."
    if len(body) > BODY_MAX:
        return (
            f"Comments can be up to {BODY_MAX:,} characters; yours has {len(body):,}. "
            "Please shorten it."
        )
    return None


def comment_input_clean(*, name: str, email: str, website: str, body: str) -> CommentInput:
    """Tidy and check the fields; raise ValidationError with a message per field."""
    data = CommentInput(
        name=" ".join(_strip_controls(name).split()),
        email=email_normalise(_strip_controls(email)),
        website=_strip_controls(website).strip(),
        body=_strip_controls(body).replace("\r\n", "\n").strip(),
    )
    checks = {
        "name": _name_error(data.name),
        "email": _email_error(data.email),
        "website": _website_error(data.website),
        "body": _body_error(data.body),
    }
    errors = {field: [message] for field, message in checks.items() if message}
    if errors:
        raise ValidationError(errors)
    return data
