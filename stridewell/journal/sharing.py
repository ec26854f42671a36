"""Share links built as plain URLs: no third-party scripts, buttons or tracking pixels.

Pure Python: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True, slots=True)
class ShareLink:
    key: str
    label: str
    href: str
    # Web share pages open in a new tab so the reader keeps the article; mailto does not.
    opens_new_tab: bool


def _query(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote)


def share_links(*, url: str, title: str) -> list[ShareLink]:
    """E-mail, WhatsApp, X, Facebook and LinkedIn links for an absolute `url`."""
    return [
        ShareLink(
            "email",
            "E-mail",
            "mailto:?" + _query({"subject": title, "body": f"{title}\n\n{url}"}),
            opens_new_tab=False,
        ),
        ShareLink(
            "whatsapp",
            "WhatsApp",
            "https://wa.me/?" + _query({"text": f"{title} {url}"}),
            opens_new_tab=True,
        ),
        ShareLink(
            "x",
            "X",
            "https://x.com/intent/post?" + _query({"text": title, "url": url}),
            opens_new_tab=True,
        ),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + _query({"u": url}),
            opens_new_tab=True,
        ),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + _query({"url": url}),
            opens_new_tab=True,
        ),
    ]
