"""Server-rendered ladder diagrams (SVG), for the library and for a runner's own position.

`ladder_svg` returns one HTML fragment holding two drawings of the same ladder — rungs left to
right in rows for wide screens, top to bottom for phones (the stylesheet shows one of them) —
and an ordered list with the same content for screen readers. Every piece of text goes through
`format_html`, so a rung label typed into the admin can never inject markup.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from stridewell.training import engine

WIDE = {"cols": 6, "w": 168, "h": 132, "gx": 36, "gy": 56, "label": 18, "lines": 3, "note": 19}
TALL = {"cols": 1, "w": 320, "h": 112, "gx": 0, "gy": 34, "label": 34, "lines": 2, "note": 38}
CLIMB_SESSIONS = 1  # what moving up a rung already asks of the rung below
MARGIN = 12
LOCK_ICON = "M-5 -1h10v8h-10z M-3 -1v-3a3 3 0 0 1 6 0v3"


@dataclass(frozen=True, slots=True)
class RungView:
    number: int
    rung: engine.Rung
    is_current: bool
    is_locked: bool
    is_done: bool
    needs: str  # "" when the rung has no prerequisite
    href: str | None


def _join(parts: list[SafeString]) -> SafeString:
    # Safe: every part was built by format_html (or is a constant), which escapes its arguments.
    return mark_safe("".join(parts))  # noqa: S308


def prerequisite_text(
    prerequisite: engine.Prerequisite,
    labels: Mapping[str, str],
    progress: Mapping[str, int] | None,
) -> str:
    label = labels.get(prerequisite.rung_key, prerequisite.rung_key)
    if prerequisite.kind is engine.PrerequisiteKind.REACHED:
        return f"{label} reached"
    n = prerequisite.min_good_sessions
    text = f"{label} done with good control in {n} session{'s' if n != 1 else ''}"
    if progress is not None:
        text += f" (so far {progress.get(prerequisite.rung_key, 0)})"
    return text


def _is_plain_climb(prerequisite: engine.Prerequisite, below: engine.Rung | None) -> bool:
    """A prerequisite on the rung directly below that asks no more than climbing from it does
    (two good sessions at its top dose) adds nothing worth a padlock. One on a rung further
    down is still shown: a runner can be placed above a rung without climbing through it."""
    return (
        below is not None
        and prerequisite.rung_key == below.key
        and (
            prerequisite.kind is engine.PrerequisiteKind.REACHED
            or prerequisite.min_good_sessions <= CLIMB_SESSIONS
        )
    )


def rung_views(
    ladder: engine.Ladder,
    *,
    current: str | None,
    progress: Mapping[str, int] | None,
    labels: Mapping[str, str],
    href: Callable[[engine.Rung], str | None] | None,
) -> list[RungView]:
    """Without `progress` (the public library) a rung with prerequisites is shown as locked
    behind them; with a runner's progress, only rungs whose prerequisites are unmet are.
    Either way, needing the rung directly below in the usual way is not shown as a lock."""
    views = []
    below: engine.Rung | None = None
    for i, rung in enumerate(ladder.ordered, start=1):
        unmet = [
            p
            for p in rung.prerequisites
            if not _is_plain_climb(p, below) and (progress is None or not p.is_met(progress))
        ]
        below = rung
        needs = "; ".join(prerequisite_text(p, labels, progress) for p in unmet)
        views.append(
            RungView(
                number=i,
                rung=rung,
                is_current=rung.key == current,
                # A runner's own rung is unlocked by definition; in the library the highlighted
                # rung still shows what it needs.
                is_locked=bool(unmet) and (progress is None or rung.key != current),
                is_done=progress is not None and rung.key in progress and rung.key != current,
                needs=needs,
                href=href(rung) if href else None,
            )
        )
    return views


def _text_lines(lines: list[str], *, x: float, y: float, step: int, cls: str) -> SafeString:
    return _join(
        [
            format_html('<text x="{}" y="{}" class="{}">{}</text>', x, y + i * step, cls, line)
            for i, line in enumerate(lines)
        ]
    )


def _wrap(text: str, width: int, lines: int) -> list[str]:
    return textwrap.wrap(text, width=width, max_lines=lines, placeholder="…") or [""]


def _node(view: RungView, x: float, y: float, g: dict[str, int], current_note: str) -> SafeString:
    classes = ["ladder-node"]
    classes += [c for c, on in (("current", view.is_current), ("locked", view.is_locked)) if on]
    classes += ["done"] if view.is_done else []
    cls = " ".join([classes[0], *(f"ladder-node--{c}" for c in classes[1:])])
    tip = view.rung.label + (f" — needs {view.needs}" if view.is_locked else "")
    parts = [
        format_html("<title>{}</title>", tip),
        format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="10" class="ladder-node__box"/>',
            x,
            y,
            g["w"],
            g["h"],
        ),
        format_html('<circle cx="{}" cy="{}" r="12" class="ladder-node__badge"/>', x + 20, y + 20),
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" class="ladder-node__number">{}</text>',
            x + 20,
            y + 25,
            view.number,
        ),
    ]
    if view.is_current:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="ladder-node__here">{}</text>',
                x + g["w"] - 10,
                y + 25,
                current_note,
            )
        )
    elif view.is_done:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="ladder-node__tag">{}</text>',
                x + g["w"] - 10,
                y + 25,
                "✓ done",
            )
        )
    label = _wrap(view.rung.label, g["label"], g["lines"])
    parts.append(_text_lines(label, x=x + 12, y=y + 52, step=17, cls="ladder-node__label"))
    foot_y = y + g["h"] - (30 if view.is_locked else 12)
    if view.is_locked:
        parts.append(
            format_html(
                '<path d="{}" transform="translate({} {})" class="ladder-node__lock"/>',
                LOCK_ICON,
                x + 18,
                foot_y - 4,
            )
        )
        needs = _wrap("Needs " + view.needs, g["note"], 2)
        parts.append(_text_lines(needs, x=x + 30, y=foot_y, step=14, cls="ladder-node__needs"))
    else:
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="ladder-node__meta">Level {}</text>',
                x + 12,
                foot_y,
                view.rung.level,
            )
        )
    inner = _join(parts)
    if view.href:
        return format_html('<a href="{}" class="{}">{}</a>', view.href, cls, inner)
    return format_html('<g class="{}">{}</g>', cls, inner)


def _connector(a: tuple[float, float], b: tuple[float, float], g: dict[str, int], marker: str):
    (ax, ay), (bx, by) = a, b
    if ay == by:  # same row: right edge to left edge
        d = f"M{ax + g['w']} {ay + g['h'] / 2}H{bx - 4}"
    elif ax == bx:  # same column: bottom edge to top edge
        d = f"M{ax + g['w'] / 2} {ay + g['h']}V{by - 4}"
    else:  # next row: down, back to the left, down again
        mid = ay + g["h"] + g["gy"] / 2
        d = f"M{ax + g['w'] / 2} {ay + g['h']}V{mid}H{bx + g['w'] / 2}V{by - 4}"
    return format_html('<path d="{}" class="ladder-link" marker-end="url(#{})"/>', d, marker)


def _drawing(
    views: list[RungView], g: dict[str, int], *, ident: str, title: str, desc: str, note: str
) -> SafeString:
    cols = max(1, min(g["cols"], len(views)))
    rows = max(1, -(-len(views) // cols))
    width = 2 * MARGIN + cols * g["w"] + (cols - 1) * g["gx"]
    height = 2 * MARGIN + rows * g["h"] + (rows - 1) * g["gy"]
    spots = [
        (MARGIN + (i % cols) * (g["w"] + g["gx"]), MARGIN + (i // cols) * (g["h"] + g["gy"]))
        for i in range(len(views))
    ]
    marker = f"{ident}-arrow"
    parts = [
        format_html('<title id="{}-title">{}</title>', ident, title),
        format_html('<desc id="{}-desc">{}</desc>', ident, desc),
        format_html(
            '<defs><marker id="{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" class="ladder-arrow"/>'
            "</marker></defs>",
            marker,
        ),
    ]
    parts += [_connector(spots[i], spots[i + 1], g, marker) for i in range(len(views) - 1)]
    parts += [_node(v, x, y, g, note) for v, (x, y) in zip(views, spots, strict=True)]
    kind = "tall" if g is TALL else "wide"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="ladder-svg ladder-svg--{}" role="img" '
        'viewBox="0 0 {} {}" width="{}" height="{}" aria-labelledby="{}-title {}-desc">{}</svg>',
        kind,
        width,
        height,
        width,
        height,
        ident,
        ident,
        _join(parts),
    )


def _summary(ladder: engine.Ladder, views: list[RungView], note: str) -> str:
    count = len(views)
    text = f"{ladder.name}: {count} rung{'s' if count != 1 else ''}, climbed in order."
    here = next((v for v in views if v.is_current), None)
    if here:
        text += f" {note}: step {here.number}, {here.rung.label}."
    locked = sum(v.is_locked for v in views)
    if locked:
        text += f" {locked} locked until their prerequisites are met."
    return text


def ladder_svg(
    ladder: engine.Ladder,
    *,
    current: str | None = None,
    progress: Mapping[str, int] | None = None,
    labels: Mapping[str, str] | None = None,
    href: Callable[[engine.Rung], str | None] | None = None,
    current_note: str = "You are here",
    ident: str | None = None,
) -> SafeString:
    """The ladder drawn twice (wide and tall) plus a text alternative, as safe HTML.

    `current` highlights a rung (with `current_note` in words, not just colour); `progress`
    (rung key -> good top-dose sessions, as the engine keeps it) marks done and locked rungs for
    a runner; `labels` names prerequisite rungs on other ladders; `href` links each rung.
    """
    names = {r.key: r.label for r in ladder.ordered} | dict(labels or {})
    views = rung_views(ladder, current=current, progress=progress, labels=names, href=href)
    ident = ident or f"ladder-{ladder.key}"
    title = f"Ladder: {ladder.name}"
    desc = _summary(ladder, views, current_note) + " The same steps are listed below."
    items = []
    for v in views:
        text = f"Step {v.number} of {len(views)}: {v.rung.label}, level {v.rung.level}."
        if v.is_current:
            text += f" {current_note}."
        if v.is_done:
            text += " Done."
        if v.is_locked:
            text += f" Locked: needs {v.needs}."
        items.append(format_html("<li>{}</li>", text))
    return format_html(
        '<figure class="ladder-diagram" data-ladder="{}">{}{}'
        '<ol class="visually-hidden" aria-label="{}">{}</ol></figure>',
        ladder.key,
        _drawing(views, WIDE, ident=f"{ident}-wide", title=title, desc=desc, note=current_note),
        _drawing(views, TALL, ident=f"{ident}-tall", title=title, desc=desc, note=current_note),
        f"Steps of {ladder.name}",
        _join(items),
    )
