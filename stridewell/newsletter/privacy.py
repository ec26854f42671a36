"""Small privacy helpers shared by the newsletter and its consent trail."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def ip_hash(ip: str) -> str:
    """HMAC-SHA256 of a client address keyed with SECRET_KEY ("" for no address).

    Keyed, so nobody holding the database alone can test guesses against it; a plain hash of
    an IPv4 address is reversed by trying all four billion.
    """
    if not ip:
        return ""
    key = f"stridewell.newsletter.ip:{settings.SECRET_KEY}".encode()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


def email_normalise(email: str) -> str:
    """Trimmed and lower-cased: one person, one row, however they typed it."""
    return (email or "").strip().lower()


def email_mask(email: str) -> str:
    """`maya.okafor@example.com` → `m•••r@example.com`, for pages a forwarded link could open."""
    local, _, domain = email.partition("@")
    if not domain:
        return "•••"
    shown = local[0] + "•••" + local[-1] if len(local) > 2 else local[:1] + "•••"
    return f"{shown}@{domain}"
