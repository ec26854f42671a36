"""Share links, comment threads and the publish-or-wait decision (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from stridewell.journal.moderation import Decision, HoldReason, decide
from stridewell.journal.sharing import share_links
from stridewell.journal.threads import build_threads, count_visible


def test_share_links_are_plain_urls_with_the_address_and_title_encoded():
    links = share_links(url="https://stridewell.test/journal/a-b/?x=1", title="Hips & knees: 1/2")

    assert [(link.key, link.href) for link in links] == [
        (
            "email",
            "mailto:?subject=Hips%20%26%20knees%3A%201%2F2&body=Hips%20%26%20knees%3A%201%2F2"
            "%0A%0Ahttps%3A%2F%2Fstridewell.test%2Fjournal%2Fa-b%2F%3Fx%3D1",
        ),
        (
            "whatsapp",
            "https://wa.me/?text=Hips%20%26%20knees%3A%201%2F2%20https%3A%2F%2Fstridewell.test"
            "%2Fjournal%2Fa-b%2F%3Fx%3D1",
        ),
        (
            "x",
            "https://x.com/intent/post?text=Hips%20%26%20knees%3A%201%2F2&url=https%3A%2F%2F"
            "stridewell.test%2Fjournal%2Fa-b%2F%3Fx%3D1",
        ),
        (
            "facebook",
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fstridewell.test%2F"
            "journal%2Fa-b%2F%3Fx%3D1",
        ),
        (
            "linkedin",
            "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fstridewell.test"
            "%2Fjournal%2Fa-b%2F%3Fx%3D1",
        ),
    ]
    assert [link.opens_new_tab for link in links] == [False, True, True, True, True]


@dataclass
class Item:
    pk: int
    parent_id: int | None
    is_visible: bool = True


def shape(nodes):
    return [(node.item.pk, shape(node.children)) for node in nodes]


def test_threads_nest_replies_under_their_parents_in_order():
    items = [Item(1, None), Item(2, None), Item(3, 1), Item(4, 3), Item(5, 1)]

    assert shape(build_threads(items)) == [(1, [(3, [(4, [])]), (5, [])]), (2, [])]


def test_a_removed_comment_stays_only_as_a_placeholder_for_visible_replies():
    items = [Item(1, None, False), Item(2, 1), Item(3, None, False), Item(4, 3, False)]

    threads = build_threads(items)

    assert shape(threads) == [(1, [(2, [])])]
    assert count_visible(threads) == 1


def test_a_reply_whose_parent_is_hidden_is_not_shown_out_of_context():
    # Parent 9 is spam (not in the list): its reply cannot be understood on its own.
    assert shape(build_threads([Item(1, None), Item(2, 9)])) == [(1, [])]


@pytest.mark.parametrize(
    ("links", "approved", "spam", "expected"),
    [
        (0, False, False, Decision(False, HoldReason.FIRST_COMMENT)),
        (1, False, False, Decision(False, HoldReason.FIRST_COMMENT)),
        (0, True, False, Decision(True, HoldReason.NONE)),
        (1, True, False, Decision(True, HoldReason.NONE)),
        (2, True, False, Decision(False, HoldReason.LINKS)),
        (5, False, False, Decision(False, HoldReason.LINKS)),
        (0, True, True, Decision(False, HoldReason.PREVIOUS_SPAM)),
    ],
)
def test_who_waits_for_moderation(links, approved, spam, expected):
    assert decide(link_count=links, has_approved_before=approved, has_spam_before=spam) == expected
