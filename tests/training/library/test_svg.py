"""Ladder diagrams: well-formed SVG whatever the labels, text always escaped, the current rung
highlighted in words, locked rungs showing what they need, and a text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from stridewell.training import engine
from stridewell.training.svg import ladder_svg

SVG = "{http://www.w3.org/2000/svg}"


def make_ladder(labels: list[str], *, gate: bool = True) -> engine.Ladder:
    rungs = []
    for i, label in enumerate(labels, start=1):
        # Three good sessions: more than climbing past r1 asked, so it is a real gate.
        needs = (engine.Prerequisite("r1", engine.PrerequisiteKind.COMPLETED, 3),)
        rungs.append(
            engine.Rung(
                key=f"r{i}",
                exercise_slug=f"ex-{i}",
                position=i,
                name=label,
                level=min(i, 6),
                prerequisites=needs if gate and i == len(labels) and i > 2 else (),
            )
        )
    return engine.Ladder(key="test", name="Test ladder", rungs=tuple(rungs))


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # noqa: S314 - our own output, parsed to prove it is well formed


def node_groups(svg: ET.Element) -> list[ET.Element]:
    return [el for el in svg.iter() if "ladder-node" in el.get("class", "").split()]


def test_two_drawings_each_labelled_by_its_own_title_and_description():
    figure = parse(ladder_svg(make_ladder(["Clam", "Banded clam", "Side steps"])))

    svgs = figure.findall(f"{SVG}svg")
    assert [s.get("class") for s in svgs] == [
        "ladder-svg ladder-svg--wide",
        "ladder-svg ladder-svg--tall",
    ]
    for svg in svgs:
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id
        assert svg.find(f"{SVG}title").text == "Ladder: Test ladder"
        assert svg.find(f"{SVG}desc").get("id") == desc_id
        assert svg.get("role") == "img"
    ids = [el.get("id") for el in figure.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_the_current_rung_is_highlighted_with_words_not_only_colour():
    figure = parse(ladder_svg(make_ladder(["Clam", "Banded clam", "Side steps"]), current="r2"))

    wide = figure.find(f"{SVG}svg")
    current = [g for g in node_groups(wide) if "ladder-node--current" in g.get("class")]
    assert len(current) == 1
    texts = [t.text for t in current[0].iter(f"{SVG}text")]
    assert "You are here" in texts
    assert "Banded clam" in texts
    steps = [li.text for li in figure.find("ol")]
    assert steps[1] == "Step 2 of 3: Banded clam, level 2. You are here."


def test_in_the_library_a_gated_rung_is_marked_locked_with_its_prerequisite():
    figure = parse(ladder_svg(make_ladder(["Clam", "Banded clam", "Single-leg squat"])))

    steps = [li.text for li in figure.find("ol")]
    assert steps[2] == (
        "Step 3 of 3: Single-leg squat, level 3. "
        "Locked: needs Clam done with good control in 3 sessions."
    )
    wide = figure.find(f"{SVG}svg")
    locked = [g for g in node_groups(wide) if "ladder-node--locked" in g.get("class")]
    assert len(locked) == 1
    assert locked[0].find(f"{SVG}path").get("class") == "ladder-node__lock"


def test_for_a_runner_only_unmet_prerequisites_lock_a_rung():
    ladder = make_ladder(["Clam", "Banded clam", "Single-leg squat"])

    not_yet = parse(ladder_svg(ladder, current="r2", progress={"r1": 1, "r2": 0}))
    met = parse(ladder_svg(ladder, current="r2", progress={"r1": 3, "r2": 0}))

    assert [li.text for li in not_yet.find("ol")][2].endswith(
        "Locked: needs Clam done with good control in 3 sessions (so far 1)."
    )
    met_steps = [li.text for li in met.find("ol")]
    assert "Locked" not in met_steps[2]
    assert met_steps[0].endswith("Done.")


def test_rungs_link_to_their_exercise_pages_when_asked():
    ladder = make_ladder(["Clam", "Banded clam"])

    figure = parse(
        ladder_svg(ladder, href=lambda rung: f"/training/exercises/{rung.exercise_slug}/")
    )

    links = [a.get("href") for a in figure.find(f"{SVG}svg").iter(f"{SVG}a")]
    assert links == ["/training/exercises/ex-1/", "/training/exercises/ex-2/"]


def test_markup_in_a_label_is_escaped_not_rendered():
    evil = '<script>alert("x")</script> & <b>bold</b>'
    html = str(ladder_svg(make_ladder(["Clam", evil]), current="r2", current_note="<i>here</i>"))

    assert "<script>" not in html
    assert "<b>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;" in html
    figure = parse(html)
    titles = [t.text for t in figure.find(f"{SVG}svg").iter(f"{SVG}title")]
    assert evil in titles


def test_a_long_ladder_wraps_into_rows_on_wide_screens():
    figure = parse(ladder_svg(make_ladder([f"Rung {i}" for i in range(1, 13)], gate=False)))

    wide, tall = figure.findall(f"{SVG}svg")
    # Six rungs per row: two rows; the phone drawing is one column of twelve.
    assert wide.get("viewBox") == "0 0 1212 344"
    assert tall.get("viewBox").split()[2] == "344"
    assert len(node_groups(wide)) == len(node_groups(tall)) == 12


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60),
        min_size=1,
        max_size=14,
    )
)
def test_any_labels_give_well_formed_svg_that_keeps_each_label(labels):
    figure = parse(ladder_svg(make_ladder(labels), current="r1"))

    wide = figure.find(f"{SVG}svg")
    tooltips = [g.find(f"{SVG}title").text or "" for g in node_groups(wide)]
    assert [t.split(" — needs ")[0] for t in tooltips] == labels
    assert len(figure.find("ol")) == len(labels)


def _two_rungs(needs: engine.Prerequisite) -> engine.Ladder:
    return engine.Ladder(
        key="pair",
        name="Pair",
        rungs=(
            engine.Rung(key="a", exercise_slug="a", position=1, name="Clam"),
            engine.Rung(
                key="b", exercise_slug="b", position=2, name="Band", prerequisites=(needs,)
            ),
        ),
    )


def test_needing_the_rung_below_as_climbing_already_does_is_not_a_padlock():
    plain = _two_rungs(engine.Prerequisite("a", engine.PrerequisiteKind.COMPLETED, 1))
    stricter = _two_rungs(engine.Prerequisite("a", engine.PrerequisiteKind.COMPLETED, 2))
    elsewhere = _two_rungs(engine.Prerequisite("balance", engine.PrerequisiteKind.REACHED, 1))

    def second_step(ladder: engine.Ladder) -> str:
        return [
            li.text for li in parse(ladder_svg(ladder, labels={"balance": "Balance"})).find("ol")
        ][1]

    assert second_step(plain) == "Step 2 of 2: Band, level 1."
    assert second_step(stricter).endswith(
        "Locked: needs Clam done with good control in 2 sessions."
    )
    assert second_step(elsewhere).endswith("Locked: needs Balance reached.")
