"""Exercise names in an article link to the exercise library: longest name first, whole words,
any case, never inside links, code or headings, and once per exercise."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from stridewell.journal.exercise_links import link_exercises
from stridewell.journal.markdown import html_to_text, render_markdown

TARGETS = [
    ("Clam", "/training/exercises/clam/"),
    ("Banded clam", "/training/exercises/banded-clam/"),
    ("Side steps", "/training/exercises/side-steps/"),
    ("Banded side steps", "/training/exercises/banded-side-steps/"),
    ("Split squat", "/training/exercises/split-squat/"),
]


def link(url: str, text: str) -> str:
    return f'<a class="exercise-link" href="{url}">{text}</a>'


def test_names_are_linked_case_insensitively_keeping_the_authors_wording():
    html = link_exercises("<p>Start with the CLAM, then split squat.</p>", TARGETS)

    assert html == (
        f"<p>Start with the {link('/training/exercises/clam/', 'CLAM')}, then "
        f"{link('/training/exercises/split-squat/', 'split squat')}.</p>"
    )


def test_the_longest_matching_name_wins():
    html = link_exercises("<p>Do banded side steps today.</p>", TARGETS)

    assert html == (
        f"<p>Do {link('/training/exercises/banded-side-steps/', 'banded side steps')} today.</p>"
    )


def test_only_whole_words_match():
    html = link_exercises("<p>Clamshells and clams are not a clam-like clam.</p>", TARGETS)

    # "clam-like": a hyphen is not a word character, so the first whole "clam" is there.
    assert html.count("<a ") == 1
    assert f"{link('/training/exercises/clam/', 'clam')}-like" in html


def test_each_exercise_is_linked_once_per_article_at_its_first_mention():
    html = link_exercises("<p>Clam first.</p><p>Clam again, and clam.</p>", TARGETS)

    assert html == (
        f"<p>{link('/training/exercises/clam/', 'Clam')} first.</p><p>Clam again, and clam.</p>"
    )


def test_mentions_inside_links_code_and_headings_are_skipped():
    source = (
        "<h2>Clam</h2>"
        '<p><a href="/elsewhere/">the clam page</a> <code>clam</code></p>'
        "<pre><code>split squat</code></pre>"
        "<h3>Split squat <em>basics</em></h3>"
        "<p>Then the clam and a split squat.</p>"
    )

    html = link_exercises(source, TARGETS)

    assert html == source.replace(
        "<p>Then the clam and a split squat.</p>",
        f"<p>Then the {link('/training/exercises/clam/', 'clam')} and a "
        f"{link('/training/exercises/split-squat/', 'split squat')}.</p>",
    )


def test_names_match_across_line_breaks_and_double_spaces():
    html = link_exercises("<p>banded\nside  steps</p>", TARGETS)

    assert link("/training/exercises/banded-side-steps/", "banded\nside  steps") in html


def test_targets_that_are_not_site_paths_are_ignored():
    unsafe = [
        ("Clam", "javascript:alert(1)"),
        ("Split squat", "//evil.example/"),
        ("Side steps", 'https://evil.example/"onmouseover="x'),
    ]

    source = "<p>Clam, split squat, side steps.</p>"
    assert link_exercises(source, unsafe) == source


def test_text_and_attributes_stay_escaped():
    source = '<p>Tom &amp; Jerry &lt;3 clam</p><p><img src="/a.png" alt="x &quot;y&quot;"></p>'

    html = link_exercises(source, TARGETS)

    assert "Tom &amp; Jerry &lt;3" in html
    assert '<img src="/a.png" alt="x &quot;y&quot;">' in html


def test_no_targets_leaves_the_html_unchanged():
    assert link_exercises("<p>clam</p>", []) == "<p>clam</p>"


WORDS = st.sampled_from(
    ["clam", "Banded", "side", "steps", "split", "squat", "and", "the", "CLAM", "&", "<", '"']
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=10).map(" ".join), min_size=1, max_size=4))
def test_linking_never_changes_the_text_a_reader_sees(paragraphs):
    html = render_markdown("\n\n".join(paragraphs))

    linked = link_exercises(html, TARGETS)

    assert html_to_text(linked) == html_to_text(html)
    urls = re.findall(r'class="exercise-link" href="([^"]+)"', linked)
    assert len(urls) == len(set(urls))  # at most once per exercise
