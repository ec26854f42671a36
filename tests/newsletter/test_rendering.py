"""Issue bodies: Markdown in, sanitised HTML out."""

from __future__ import annotations

from stridewell.newsletter.rendering import markdown_render


def test_markdown_becomes_html():
    html = markdown_render("## Calf raises\n\n**Slowly**, 3 × 15.\n\n- one\n- two")

    assert html == (
        "<h2>Calf raises</h2>\n<p><strong>Slowly</strong>, 3 × 15.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    )


def test_raw_html_and_scripts_are_never_rendered():
    html = markdown_render('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">')

    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_not_links_and_others_get_rel():
    html = markdown_render("[bad](javascript:alert(1)) [good](https://stridewell.test/advice/)")

    assert 'href="javascript' not in html
    assert html.count("<a ") == 1
    assert '<a href="https://stridewell.test/advice/" rel="noopener noreferrer">good</a>' in html


def test_tables_keep_structure_but_not_inline_styles():
    html = markdown_render("| a | b |\n|:-|-:|\n| 1 | 2 |")

    assert "<table>" in html
    assert "<td>1</td>" in html
    assert "style=" not in html
