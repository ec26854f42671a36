"""A questionnaire as data: the typed shape, and a strict reader that lists every problem.

`spec_read` turns the mapping read from a YAML/JSON file into a `QuestionnaireSpec`, or raises
`SpecError` naming each problem by where it is (`items[3].answers[1].score: ...`), so one run of
`load_questionnaires` tells the author everything to fix. `spec_dump` is its inverse: the
canonical mapping stored with the questionnaire, which `spec_read` accepts again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FORMAT = 1
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,48}$")
ITEM_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")
MAX_ITEMS = 100


class SpecError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class MissingPolicy(StrEnum):
    REFUSE = "refuse"  # every item must be answered
    PRORATE = "prorate"  # up to `max_missing` blanks: mean of the answered items x item count


@dataclass(frozen=True, slots=True)
class AnswerOption:
    score: int
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    text: str
    options: tuple[AnswerOption, ...]

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(o.score for o in self.options)

    @property
    def low(self) -> int:
        return min(self.scores)

    @property
    def high(self) -> int:
        return max(self.scores)


@dataclass(frozen=True, slots=True)
class Threshold:
    """A change in points that matters (MCID) or exceeds measurement error (MDC)."""

    points: float
    source: str
    is_provisional: bool = False


@dataclass(frozen=True, slots=True)
class Schedule:
    at_screening: bool
    every_weeks: int


@dataclass(frozen=True, slots=True)
class QuestionnaireSpec:
    key: str
    name: str
    version: str
    licence: str
    attribution: str
    instructions: str
    items: tuple[Item, ...]
    reverse: frozenset[str]
    missing: MissingPolicy
    max_missing: int
    low: int
    high: int
    direction: Direction
    mcid: Threshold
    mdc: Threshold | None
    schedule: Schedule

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)


TOP_KEYS = {
    "format", "key", "name", "version", "licence", "attribution", "instructions",
    "answer_sets", "items", "scoring", "range", "direction", "mcid", "mdc", "schedule",
}  # fmt: skip
REQUIRED = ("format", "key", "name", "version", "licence", "items", "scoring", "range",
            "direction", "mcid", "schedule")  # fmt: skip


class _Reader:
    """Typed access to parts of the mapping; records problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def bad(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def mapping(self, value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            self.bad(where, "must be a mapping of names to values")
            return {}
        for name in sorted(set(map(str, value)) - allowed):
            self.bad(f"{where}.{name}" if where else name, "is not a known field")
        return dict(value)

    def text(self, value: Any, where: str, *, required: bool = True, limit: int = 2000) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            hint = " (write it in quotes)" if isinstance(value, int | float) else ""
            self.bad(where, f"must be non-empty text{hint}")
            return ""
        if len(value) > limit:
            self.bad(where, f"must be at most {limit} characters")
        return " ".join(value.split()) if limit <= 300 else value.strip()

    def whole(self, value: Any, where: str, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(where, "must be a whole number")
            return None
        if not low <= value <= high:
            self.bad(where, f"must be between {low} and {high}")
            return None
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.bad(where, "must be true or false")
            return False
        return value


def _options(r: _Reader, raw: Any, where: str) -> tuple[AnswerOption, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        r.bad(where, "must list at least two answers")
        return ()
    options: list[AnswerOption] = []
    for n, entry in enumerate(raw):
        at = f"{where}[{n}]"
        fields = r.mapping(entry, at, {"score", "text"})
        score = r.whole(fields.get("score"), f"{at}.score", -1000, 1000)
        text = r.text(fields.get("text"), f"{at}.text", limit=200)
        if score is not None and text:
            options.append(AnswerOption(score, text))
    scores = [o.score for o in options]
    if len(set(scores)) != len(scores):
        r.bad(where, "two answers have the same score; each answer needs its own")
    texts = [o.text.casefold() for o in options]
    if len(set(texts)) != len(texts):
        r.bad(where, "two answers have the same text")
    return tuple(options)


def _threshold(r: _Reader, raw: Any, where: str, span: int) -> Threshold | None:
    fields = r.mapping(raw, where, {"points", "source", "provisional"})
    if not fields:
        return None
    points = fields.get("points")
    if isinstance(points, bool) or not isinstance(points, int | float) or points <= 0:
        r.bad(f"{where}.points", "must be a number above 0")
        return None
    if span and points > span:
        r.bad(f"{where}.points", f"cannot be more than the whole score range ({span} points)")
    source = r.text(fields.get("source"), f"{where}.source", limit=300)
    provisional = r.flag(fields.get("provisional", False), f"{where}.provisional")
    return Threshold(float(points), source, provisional)


def _items(r: _Reader, raw: Any, answer_sets: dict[str, tuple[AnswerOption, ...]]) -> list[Item]:
    if not isinstance(raw, list) or not raw:
        r.bad("items", "must list at least one item")
        return []
    if len(raw) > MAX_ITEMS:
        r.bad("items", f"at most {MAX_ITEMS} items")
    items: list[Item] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw):
        at = f"items[{n}]"
        fields = r.mapping(entry, at, {"key", "text", "answers"})
        key = fields.get("key")
        if not isinstance(key, str) or not ITEM_KEY_RE.match(key):
            r.bad(f"{at}.key", "must be 1-40 lower-case letters, digits or _ (e.g. stairs_up)")
            key = None
        elif key in seen:
            r.bad(f"{at}.key", f"'{key}' is used by an earlier item")
        text = r.text(fields.get("text"), f"{at}.text", limit=300)
        answers = fields.get("answers")
        if isinstance(answers, str):
            options = answer_sets.get(answers, ())
            if answers not in answer_sets:
                r.bad(f"{at}.answers", f"no answer set called '{answers}' in answer_sets")
        else:
            options = _options(r, answers, f"{at}.answers")
        if key and key not in seen and text and options:
            items.append(Item(key, text, options))
        if key:
            seen.add(key)
    return items


def _scoring(r: _Reader, raw: Any, items: list[Item]) -> tuple[frozenset[str], MissingPolicy, int]:
    """Reversed items, the missing-answer policy and how many blanks it allows."""
    scoring = r.mapping(raw, "scoring", {"method", "reverse", "missing"})
    if scoring.get("method", "sum") != "sum":
        r.bad("scoring.method", "only 'sum' is supported")
    reverse_raw = scoring.get("reverse", [])
    reverse: set[str] = set()
    if not isinstance(reverse_raw, list) or not all(isinstance(k, str) for k in reverse_raw):
        r.bad("scoring.reverse", "must list item keys")
    else:
        known = {i.key for i in items}
        for k in reverse_raw:
            if k not in known:
                r.bad("scoring.reverse", f"'{k}' is not an item key")
        if len(set(reverse_raw)) != len(reverse_raw):
            r.bad("scoring.reverse", "lists an item twice")
        reverse = set(reverse_raw) & known
    missing = r.mapping(
        scoring.get("missing", {"policy": "refuse"}), "scoring.missing", {"policy", "max_missing"}
    )
    try:
        policy = MissingPolicy(missing.get("policy", "refuse"))
    except ValueError:
        r.bad("scoring.missing.policy", "must be 'refuse' or 'prorate'")
        policy = MissingPolicy.REFUSE
    max_missing = 0
    if policy is MissingPolicy.PRORATE:
        most = max(len(items) - 1, 1)
        at = "scoring.missing.max_missing"
        max_missing = r.whole(missing.get("max_missing"), at, 1, most) or 0
    elif missing.get("max_missing", 0) != 0:
        r.bad("scoring.missing.max_missing", "only applies with policy 'prorate'")
    return frozenset(reverse), policy, max_missing


def _range(r: _Reader, raw: Any, items: list[Item]) -> tuple[int | None, int | None]:
    """The declared score range, which must be what the items' answers add up to."""
    bounds = r.mapping(raw, "range", {"min", "max"})
    low = r.whole(bounds.get("min"), "range.min", -100_000, 100_000)
    high = r.whole(bounds.get("max"), "range.max", -100_000, 100_000)
    if low is not None and high is not None and items:
        if low >= high:
            r.bad("range", "min must be below max")
        sums = (sum(i.low for i in items), sum(i.high for i in items))
        if (low, high) != sums:
            r.bad(
                "range", f"says {low}-{high} but the items' answers add up to {sums[0]}-{sums[1]}"
            )
    return low, high


def _answer_sets(r: _Reader, raw: Any) -> dict[str, tuple[AnswerOption, ...]]:
    if not isinstance(raw, Mapping):
        r.bad("answer_sets", "must map a name to each list of answers")
        return {}
    return {str(k): _options(r, v, f"answer_sets.{k}") for k, v in raw.items()}


def _head(r: _Reader, top: dict[str, Any]) -> dict[str, str]:
    """Key, names and notes: the fields that are plain text."""
    for name in REQUIRED:
        if name not in top:
            r.bad(name, "is required")
    if "format" in top and top["format"] != FORMAT:
        r.bad("format", f"must be {FORMAT} (the only format this version reads)")
    key = top.get("key")
    if "key" in top and (not isinstance(key, str) or not KEY_RE.match(key)):
        r.bad("key", "must be 2-49 lower-case letters, digits or - (e.g. lefs)")
    limits = {"name": 120, "version": 20, "licence": 2000}
    head = {f: r.text(top.get(f), f, limit=n) if f in top else "" for f, n in limits.items()}
    for optional in ("attribution", "instructions"):
        head[optional] = r.text(top.get(optional), optional, required=False)
    head["key"] = str(key)
    return head


def spec_read(raw: Any) -> QuestionnaireSpec:
    """The questionnaire described by `raw` (a mapping read from the file), or `SpecError`."""
    r = _Reader()
    top = r.mapping(raw, "", TOP_KEYS)
    if r.problems and not top:
        raise SpecError(["the file must hold one mapping (key: value lines) at the top"])
    head = _head(r, top)
    answer_sets = _answer_sets(r, top.get("answer_sets", {}))
    items = _items(r, top.get("items"), answer_sets) if "items" in top else []
    reverse, policy, max_missing = _scoring(r, top.get("scoring", {}), items)
    low, high = _range(r, top.get("range", {}), items)
    span = (high - low) if low is not None and high is not None and high > low else 0
    try:
        direction = Direction(str(top.get("direction")))
    except ValueError:
        if "direction" in top:
            r.bad("direction", "must be 'higher_is_better' or 'lower_is_better'")
        direction = Direction.HIGHER_IS_BETTER
    mcid = _threshold(r, top.get("mcid"), "mcid", span) if "mcid" in top else None
    mdc = _threshold(r, top["mdc"], "mdc", span) if "mdc" in top else None
    timing = r.mapping(top.get("schedule", {}), "schedule", {"at_screening", "every_weeks"})
    at_screening = r.flag(timing.get("at_screening", True), "schedule.at_screening")
    every_weeks = r.whole(timing.get("every_weeks"), "schedule.every_weeks", 1, 52)

    if r.problems:
        raise SpecError(r.problems)
    assert low is not None
    assert high is not None
    assert mcid is not None
    assert every_weeks
    return QuestionnaireSpec(
        **head, items=tuple(items), reverse=reverse, missing=policy, max_missing=max_missing,
        low=low, high=high, direction=direction, mcid=mcid, mdc=mdc,
        schedule=Schedule(at_screening, every_weeks),
    )  # fmt: skip


def _threshold_dump(t: Threshold) -> dict[str, Any]:
    points: float | int = int(t.points) if t.points.is_integer() else t.points
    return {"points": points, "source": t.source, "provisional": t.is_provisional}


def spec_dump(spec: QuestionnaireSpec) -> dict[str, Any]:
    """The canonical mapping of `spec` (answer sets written out per item); `spec_read` reads it."""
    missing: dict[str, Any] = {"policy": spec.missing.value}
    if spec.missing is MissingPolicy.PRORATE:
        missing["max_missing"] = spec.max_missing
    out: dict[str, Any] = {
        "format": FORMAT,
        "key": spec.key,
        "name": spec.name,
        "version": spec.version,
        "licence": spec.licence,
        "attribution": spec.attribution,
        "instructions": spec.instructions,
        "items": [
            {
                "key": i.key,
                "text": i.text,
                "answers": [{"score": o.score, "text": o.text} for o in i.options],
            }
            for i in spec.items
        ],
        "scoring": {"method": "sum", "reverse": sorted(spec.reverse), "missing": missing},
        "range": {"min": spec.low, "max": spec.high},
        "direction": spec.direction.value,
        "mcid": _threshold_dump(spec.mcid),
        "schedule": {
            "at_screening": spec.schedule.at_screening,
            "every_weeks": spec.schedule.every_weeks,
        },
    }
    if spec.mdc is not None:
        out["mdc"] = _threshold_dump(spec.mdc)
    return out
