"""Comment text is plain text: escaped, with paragraphs, line breaks and nofollow links."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stridewell.journal.commenttext import count_links, render_comment
from tests.journal.html_safety import executable_parts


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def test_blank_lines_make_paragraphs_and_single_newlines_make_breaks():
    html = render_comment("First line\nsecond line\n\nNew paragraph")

    assert html == "<p>First line<br>\nsecond line</p>\n<p>New paragraph</p>"


def test_windows_newlines_and_surrounding_space_are_tidied():
    assert render_comment("\r\n  Hello\r\nthere\r\n\r\n\r\nBye  \r\n") == (
        "<p>Hello<br>\nthere</p>\n<p>Bye</p>"
    )


def test_empty_text_renders_nothing():
    assert render_comment("   \n ") == ""


def test_markup_is_escaped():
    html = render_comment('<script>alert("x")</script> & <b>bold</b>')

    assert html == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>"
    )


def test_web_addresses_become_nofollow_ugc_links():
    html = render_comment("See https://example.com/race?a=1&b=2 for details.")

    assert html == (
        '<p>See <a href="https://example.com/race?a=1&amp;b=2" rel="nofollow ugc">'
        "https://example.com/race?a=1&amp;b=2</a> for details.</p>"
    )


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("(see https://example.com/a)", "https://example.com/a"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("Go to www.example.org.", "https://www.example.org"),
        ("http://example.com/x!", "http://example.com/x"),
    ],
)
def test_sentence_punctuation_after_a_link_is_not_part_of_it(text, href):
    (link,) = [attrs for tag, attrs in tags_of(render_comment(text)) if tag == "a"]
    assert link["href"] == href


def test_javascript_and_data_urls_are_never_linked():
    html = render_comment("javascript:alert(1) data:text/html,<b>x</b> vbscript:x")

    assert "<a" not in html
    assert "javascript:alert(1)" in html  # shown as text


def test_a_bare_scheme_is_not_a_link():
    assert "<a" not in render_comment("try https:// later")


def test_very_long_addresses_are_shortened_for_display_only():
    url = "https://example.com/" + "a" * 100
    (link,) = [attrs for tag, attrs in tags_of(render_comment(url)) if tag == "a"]

    assert link["href"] == url
    assert render_comment(url).count("a" * 100) == 1  # in the href only
    assert "…</a>" in render_comment(url)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no links here", 0),
        ("one https://example.com", 1),
        ("https://a.example and www.b.example", 2),
        ('<a href="x">spam</a>', 1),
        ("[url=x]spam[/url]", 1),
        ("https:// is not a link", 0),
    ],
)
def test_count_links_counts_addresses_and_pasted_link_markup(text, expected):
    assert count_links(text) == expected


ALLOWED = {"p": set(), "br": set(), "a": {"href", "rel"}}
NASTY = st.sampled_from(
    [
        "<script>",
        "</p>",
        '"',
        "'",
        "javascript:",
        "https://",
        "www.",
        "<a href=",
        "onerror=",
        "&",
        "\n",
        "\n\n",
        ")",
        "(",
        "<img src=x onerror=alert(1)>",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=15).map("".join))
def test_output_only_ever_contains_paragraphs_breaks_and_safe_links(text):
    html = render_comment(text)

    for tag, attrs in tags_of(html):
        assert tag in ALLOWED, tag
        assert set(attrs) <= ALLOWED[tag], attrs
        if tag == "a":
            assert attrs["rel"] == "nofollow ugc"
            assert urlsplit(attrs["href"] or "").scheme.lower() in {"http", "https"}
    assert executable_parts(html) == []


@pytest.mark.parametrize(
    "text", ["http://javascript:0", "https://localhost/x", "www.[", "http://[::1"]
)
def test_addresses_without_a_real_host_name_are_left_as_text(text):
    assert "<a" not in render_comment(text)
