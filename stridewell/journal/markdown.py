"""Article Markdown to safe HTML. Pure Python: no Django imports.

Two layers, on purpose. markdown-it (CommonMark, raw HTML switched off) turns the text into
HTML and already refuses `javascript:` links; nh3 then keeps only the tags and attributes we
list below, whatever the renderer produced. If either layer has a bug, the other still holds.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# No `style` anywhere: the site's CSP forbids inline styles (table alignment is dropped).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
WORDS_PER_MINUTE = 220

_HEADING_TAG = re.compile(r"^h([1-6])$")


def _renderer() -> MarkdownIt:
    # CommonMark with raw HTML off; tables and ~~strike~~ are the only extensions, both
    # common in clinical handouts (dose tables).
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


_MD = _renderer()


def _demote_headings(tokens: list) -> None:
    """The page title is the only <h1>; if the body uses `#`, every heading moves down one."""
    if not any(t.type == "heading_open" and t.tag == "h1" for t in tokens):
        return
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            match = _HEADING_TAG.match(token.tag)
            if match:
                token.tag = f"h{min(int(match.group(1)) + 1, 6)}"


def sanitise_html(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"img": {"loading": "lazy"}},
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """CommonMark text to sanitised HTML."""
    tokens = _MD.parse(text or "")
    _demote_headings(tokens)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return sanitise_html(html)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def word_count(html: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", html_to_text(html)))


def reading_minutes(html: str, *, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes to read the rendered article, never less than one."""
    return max(1, math.ceil(word_count(html) / words_per_minute))
