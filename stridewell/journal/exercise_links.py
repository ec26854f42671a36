"""Link exercise names in article HTML to their pages in the exercise library.

Pure Python: no Django imports. Input is HTML we produced ourselves (rendered and sanitised
Markdown) and (name, url) pairs from the training app. Rules:

* the longest name wins where names overlap ("banded side steps" before "side steps");
* whole words only, case-insensitive, any run of spaces between words;
* never inside a link, code, preformatted text or a heading;
* each exercise is linked at most once per article (its first eligible mention).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from html.parser import HTMLParser

# Text inside these is left alone: a link inside a link is invalid, code is literal, and
# headings read badly when they are partly underlined.
SKIP_INSIDE = frozenset({"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script"})
LINK_CLASS = "exercise-link"
_SAFE_PATH = re.compile(r"^/(?!/)[^\s\\\"'<>]*$")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _clean_targets(targets: Iterable[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Usable targets keyed by normalised name; an unsafe URL (not a site path) is dropped."""
    cleaned: dict[str, tuple[str, str]] = {}
    for name, url in targets:
        key = _key(name or "")
        if not key or not isinstance(url, str) or not _SAFE_PATH.match(url):
            continue
        cleaned.setdefault(key, (name, url))
    return cleaned


def _pattern(keys: Iterable[str]) -> re.Pattern[str] | None:
    # Longest first: Python's alternation takes the first alternative that matches.
    ordered = sorted(keys, key=lambda k: (-len(k), k))
    if not ordered:
        return None
    pieces = [r"\s+".join(re.escape(word) for word in key.split(" ")) for key in ordered]
    return re.compile(r"(?<!\w)(?:" + "|".join(pieces) + r")(?!\w)", re.IGNORECASE)


class _Linker(HTMLParser):
    def __init__(self, pattern: re.Pattern[str], targets: dict[str, tuple[str, str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.pattern = pattern
        self.targets = targets
        self.linked: set[str] = set()
        self.skip_depth = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in SKIP_INSIDE:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in SKIP_INSIDE and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in self.pattern.finditer(data):
            key = _key(match.group(0))
            if key in self.linked or key not in self.targets:
                continue
            self.linked.add(key)
            url = self.targets[key][1]
            self.out.append(escape(data[position : match.start()], quote=False))
            self.out.append(
                f'<a class="{LINK_CLASS}" href="{escape(url)}">'
                f"{escape(match.group(0), quote=False)}</a>"
            )
            position = match.end()
        self.out.append(escape(data[position:], quote=False))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


def link_exercises(html: str, targets: Iterable[tuple[str, str]]) -> str:
    """Return `html` with the first eligible mention of each exercise linked to its page."""
    cleaned = _clean_targets(targets)
    pattern = _pattern(cleaned)
    if pattern is None or not html:
        return html
    linker = _Linker(pattern, cleaned)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)
