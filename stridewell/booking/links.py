"""Secrets for e-mailed cancel/reschedule links. Pure Python, no Django."""

from __future__ import annotations

import hashlib
import secrets
import uuid

LINK_PREFIX = "bk_"


def link_secret_generate() -> str:
    # 32 random bytes cannot be guessed, so one unsalted SHA-256 is enough at rest.
    return LINK_PREFIX + secrets.token_urlsafe(32)


def link_secret_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
