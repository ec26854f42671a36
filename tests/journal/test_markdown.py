"""Article Markdown becomes sanitised HTML: nothing an author types can run in a browser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stridewell.journal.markdown import (
    reading_minutes,
    render_markdown,
    sanitise_html,
    word_count,
)
from tests.journal.html_safety import executable_parts

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    '<svg onload="alert(1)">',
    "[x](&#106;avascript:alert(1))",
    "<style>body{display:none}</style>",
    '<div style="position:fixed">x</div>',
]


def test_markdown_renders_headings_emphasis_lists_and_links():
    html = render_markdown("## Why\n\nKeep the **pelvis** level.\n\n- clam\n- [side steps](/x/)")

    assert html == (
        "<h2>Why</h2>\n<p>Keep the <strong>pelvis</strong> level.</p>\n"
        '<ul>\n<li>clam</li>\n<li><a href="/x/" rel="noopener noreferrer">side steps</a></li>\n'
        "</ul>\n"
    )


def test_a_level_one_heading_in_the_body_moves_every_heading_down_one_level():
    # The page title is the only <h1>; the body's outline keeps its shape below it.
    html = render_markdown("# Part one\n\n## Detail\n\n###### Deepest")

    assert "<h1>" not in html
    assert "<h2>Part one</h2>" in html
    assert "<h3>Detail</h3>" in html
    assert "<h6>Deepest</h6>" in html


def test_without_a_level_one_heading_levels_are_kept():
    assert render_markdown("## Two\n\n### Three") == "<h2>Two</h2>\n<h3>Three</h3>\n"


def test_raw_html_is_shown_as_text_not_run():
    html = render_markdown("Before <script>alert('x')</script> after")

    assert "<script" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("attack", ATTACKS)
def test_known_attacks_render_harmlessly(attack):
    html = render_markdown(f"Text.\n\n{attack}\n\nMore text.")

    assert executable_parts(html) == [], html
    assert "More text." in html  # nothing after the attack is lost


def test_tables_render_without_inline_styles():
    # markdown-it aligns cells with style="text-align"; the CSP forbids inline styles.
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")

    assert "<table>" in html
    assert "<td>2</td>" in html
    assert "style" not in html


def test_images_are_lazy_and_keep_their_alt_text():
    html = render_markdown("![A runner on a bridge](/static/x.png)")

    assert html == '<p><img src="/static/x.png" alt="A runner on a bridge" loading="lazy"></p>\n'


def test_mailto_and_https_links_survive():
    html = render_markdown("[mail](mailto:clinic@example.com) [site](https://example.com/)")

    assert 'href="mailto:clinic@example.com"' in html
    assert 'href="https://example.com/"' in html


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(ATTACKS),
            st.sampled_from(["[", "](", ")", "<", ">", "`", "*", "#", "\n\n", "javascript:", '"']),
        ),
        max_size=12,
    ).map("".join)
)
def test_no_markdown_input_produces_executable_html(text):
    assert executable_parts(render_markdown(text)) == []


def test_reading_time_is_words_over_220_rounded_up_and_at_least_one_minute():
    assert reading_minutes("<p>one two</p>") == 1
    assert reading_minutes("<p>" + "word " * 220 + "</p>") == 1
    assert reading_minutes("<p>" + "word " * 221 + "</p>") == 2
    assert reading_minutes("<p>" + "word " * 1100 + "</p>") == 5


def test_word_count_ignores_markup_and_counts_hyphenated_words_once():
    assert word_count('<p>single-leg <a href="/x">squat</a> <strong>hold</strong></p>') == 3


def test_the_sanitiser_alone_strips_what_the_renderer_would_never_produce():
    # Defence in depth: even if markdown-it let raw HTML through, nh3 would clean it.
    dirty = (
        '<p style="color:red" onclick="x()">Hi <a href="javascript:alert(1)">a</a>'
        '<img src="x" onerror="alert(1)"><script>alert(1)</script><iframe src="/"></iframe></p>'
    )

    assert sanitise_html(dirty) == (
        '<p>Hi <a rel="noopener noreferrer">a</a><img src="x" loading="lazy"></p>'
    )
