"""Comment text to HTML: escaped plain text, paragraphs and line breaks, autolinked URLs.

Pure Python: no Django imports. Readers type plain text; nothing they write is ever treated as
markup. The only tags this module emits are <p>, <br> and <a href="http(s)://…"
rel="nofollow ugc">, so a comment cannot run script or smuggle a `javascript:` link.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

# A run of non-space characters that starts like a web address. Quotes and angle brackets end
# it: they are never part of a URL someone pastes into a sentence.
URL_PATTERN = re.compile(r"""(?:\bhttps?://|\bwww\.)[^\s<>"'`]+""", re.IGNORECASE)
# Markup that spammers paste, which counts as a link even though we never render it as one.
_MARKUP_LINK = re.compile(r"<a\s|\[url[=\]]", re.IGNORECASE)
_TRAILING = ".,;:!?*'\""
# A host name with at least one dot ("example.com", "bbc.co.uk"); "javascript" is not one.
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
DISPLAY_MAX = 60
LINK_REL = "nofollow ugc"


def _trim(url: str) -> str:
    """Drop sentence punctuation after a URL, and a closing bracket with no opening one."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))):
        url = url[:-1]
    return url


def _href(url: str) -> str | None:
    """The address to link to, or None when `url` does not name a real-looking host."""
    lowered = url.lower()
    href = url if lowered.startswith(("http://", "https://")) else f"https://{url}"
    try:
        host = urlsplit(href).hostname or ""
    except ValueError:  # e.g. an unbalanced "[" taken for an IPv6 address
        return None
    return href if _HOST.fullmatch(host) else None


def _display(url: str) -> str:
    return url if len(url) <= DISPLAY_MAX else url[: DISPLAY_MAX - 1] + "…"


def _link_line(line: str) -> str:
    out: list[str] = []
    position = 0
    for match in URL_PATTERN.finditer(line):
        url = _trim(match.group(0))
        href = _href(url) if url else None
        if href is None:
            continue
        out.append(escape(line[position : match.start()]))
        out.append(f'<a href="{escape(href)}" rel="{LINK_REL}">{escape(_display(url))}</a>')
        position = match.start() + len(url)
    out.append(escape(line[position:]))
    return "".join(out)


def render_comment(text: str) -> str:
    """Plain text to HTML: blank lines split paragraphs, single newlines become <br>."""
    normalised = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalised:
        return ""
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n+", normalised) if p.strip()]
    return "\n".join(
        "<p>" + "<br>\n".join(_link_line(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )


def count_links(text: str) -> int:
    """How many links a comment carries, for moderation (pasted markup counts too)."""
    text = text or ""
    urls = sum(1 for m in URL_PATTERN.finditer(text) if _href(_trim(m.group(0))))
    return urls + len(_MARKUP_LINK.findall(text))
