"""Personal-access-token secrets: generation and hashing. Plain Python, no Django."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "sw_"  # noqa: S105 - marks a Stridewell token (and lets scanners spot leaks)
DISPLAY_LENGTH = 8


def token_generate() -> str:
    # 32 random bytes: far beyond guessing, so a single unsalted SHA-256 is enough at rest
    # (slow hashes are for low-entropy human passwords).
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_display_prefix(raw: str) -> str:
    return raw[:DISPLAY_LENGTH]


def token_looks_valid(raw: str) -> bool:
    return raw.startswith(TOKEN_PREFIX) and len(raw) > len(TOKEN_PREFIX)
