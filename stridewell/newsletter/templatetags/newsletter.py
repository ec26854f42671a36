"""Template helpers for the sign-up include, which must work in any page's context."""

from __future__ import annotations

from django import template

from stridewell.newsletter.consent import consent_current

register = template.Library()


@register.simple_tag
def newsletter_consent_text() -> str:
    """The current consent wording, so the box people tick says exactly what we store."""
    return consent_current().text
