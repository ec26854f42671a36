"""Comment threads: a flat, oldest-first list into nested replies. Pure Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

# Top-level comments are depth 0; a reply to a reply to a reply (depth 2) is as deep as it
# goes: narrower than that and threads become unreadable on a phone.
MAX_DEPTH = 2


class Threadable(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def parent_id(self) -> int | None: ...

    @property
    def is_visible(self) -> bool: ...


@dataclass
class ThreadNode[T]:
    item: T
    children: list[ThreadNode[T]] = field(default_factory=list)

    @property
    def has_visible(self) -> bool:
        return bool(getattr(self.item, "is_visible", True)) or any(
            child.has_visible for child in self.children
        )


def build_threads[T: Threadable](items: Iterable[T]) -> list[ThreadNode[T]]:
    """Nest `items` (oldest first) under their parents.

    An invisible item (a removed comment) stays only as a placeholder for visible replies; an
    item whose parent is missing is dropped, because it cannot be shown in context.
    """
    nodes: dict[int, ThreadNode[T]] = {}
    roots: list[ThreadNode[T]] = []
    for item in items:
        node = ThreadNode(item)
        if item.pk is not None:
            nodes[item.pk] = node
        if item.parent_id is None:
            roots.append(node)
        elif item.parent_id in nodes:
            nodes[item.parent_id].children.append(node)
    return _prune(roots)


def _prune[T](nodes: list[ThreadNode[T]]) -> list[ThreadNode[T]]:
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.has_visible:
            kept.append(node)
    return kept


def count_visible[T](nodes: Iterable[ThreadNode[T]]) -> int:
    return sum(
        int(bool(getattr(n.item, "is_visible", True))) + count_visible(n.children) for n in nodes
    )
