"""The wording people agree to when they subscribe, versioned. Pure Python: no Django imports.

Each consent record stores the version it was given under, so we can always show exactly what
someone agreed to. Never edit or delete a published version: add a new one and point
`CURRENT_VERSION` at it. (A test fails if a version that is in use disappears.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConsentWording:
    version: str
    text: str


WORDINGS: dict[str, ConsentWording] = {
    "2026-01": ConsentWording(
        version="2026-01",
        text=(
            "Yes, e-mail me the Stridewell newsletter (running strength tips and clinic news, "
            "about twice a month) and my 10% welcome code. I can unsubscribe from any e-mail, "
            "and Stridewell never shares my address."
        ),
    ),
}
CURRENT_VERSION = "2026-01"


def consent_current() -> ConsentWording:
    return WORDINGS[CURRENT_VERSION]


def consent_text(version: str) -> str:
    """The wording for a stored version ("" if unknown, which the tests rule out)."""
    wording = WORDINGS.get(version)
    return wording.text if wording else ""
