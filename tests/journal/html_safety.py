"""What a browser could execute in an HTML fragment, found by parsing it (not by searching text:
an escaped `&lt;script&gt;` shown to the reader is fine, a real <script> element is not)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

DANGEROUS_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "object",
        "embed",
        "svg",
        "math",
        "style",
        "form",
        "input",
        "button",
        "link",
        "meta",
        "base",
        "textarea",
    }
)
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset"})


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value is not None:
                cleaned = "".join(ch for ch in value if ch > " ").lower()
                if urlsplit(cleaned).scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{tag}[{name}={value!r}]")

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems
