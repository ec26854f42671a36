"""Public library pages: filters work without JavaScript, each exercise page explains itself and
draws its ladders, user text is escaped, and query counts do not grow with the library."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stridewell.training.models.library import Equipment, Exercise, Ladder, Muscle, Rung

pytestmark = pytest.mark.django_db

LIST = "/training/exercises/"


def card_titles(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<h2 class="exercise-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_the_list_shows_every_published_exercise_as_a_card(client, library):
    response = client.get(LIST)

    assert response.status_code == 200
    assert len(card_titles(response)) == Exercise.objects.filter(is_published=True).count()
    assert "47 exercises." in response.content.decode()


def test_filtering_by_ladder_and_level_through_the_plain_get_form(client, library):
    response = client.get(LIST, {"ladder": "clinic_glute_med", "level": "4"})

    assert card_titles(response) == [
        "Banded split squat",
        "Banded step-up",
        "Single-leg leg press",
    ]
    assert 'value="clinic_glute_med" selected' in response.content.decode()


def test_filtering_by_equipment_and_muscle(client, library):
    response = client.get(LIST, {"equipment": "leg_press", "muscle": "gluteus_medius"})

    assert card_titles(response) == ["Leg press with mini-band", "Single-leg leg press"]


def test_a_bad_filter_value_is_reported_on_its_field_and_ignored(client, library):
    response = client.get(LIST, {"level": "9", "ladder": "lateral_trunk"})

    html = response.content.decode()
    assert "Select a valid choice. 9 is not one of the available choices." in html
    assert len(card_titles(response)) == 4  # the ladder filter still applies


def test_htmx_gets_only_the_results_fragment(client, library):
    response = client.get(LIST, {"ladder": "plyometric"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="exercise-results"')
    assert "<html" not in html
    assert len(card_titles(response)) == 4
    assert "HX-Request" in response["Vary"]


def _grow(extra: int) -> None:
    ladder = Ladder.objects.get(key="plyometric")
    band = Equipment.objects.get(slug="mini_band")
    muscle = Muscle.objects.get(slug="gluteus_medius")
    for i in range(extra):
        e = Exercise.objects.create(key=f"x{i}", slug=f"x-{i}", name=f"Extra {i}", level=6)
        e.equipment.add(band)
        e.muscles.add(muscle)
        e.progressions.add(Exercise.objects.get(key="skater_bound"))
        Rung.objects.create(ladder=ladder, key=f"x{i}", exercise=e, position=100 + i)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        LIST + "?ladder=plyometric&muscle=gluteus_medius",
        "/training/exercises/skater-bound/",
        "/training/ladders/",
        "/training/ladders/plyometric/",
    ],
)
def test_query_count_does_not_grow_with_the_library(client, library, url):
    before = _queries(client, url)
    _grow(20)

    assert _queries(client, url) == before


def test_exercise_page_explains_the_exercise(client, library):
    response = client.get("/training/exercises/side-lying-hip-abduction/")

    html = response.content.decode()
    assert response.status_code == 200
    heading = '<h1 id="exercise-heading" class="section__title">'
    assert heading + "Side-lying hip abduction (straight leg)</h1>" in html
    assert "Lead with the heel and keep the toes pointing forward" in html
    assert "<dd>2 of 6</dd>" in html
    assert "<dd>Each side</dd>" in html
    assert "Gluteus medius activity: <strong>81 ± 42 %MVIC</strong>" in html
    assert "(Distefano 2009)" in html
    assert "Checked: Seen in the study&#x27;s text" in html
    assert "cannot be compared with a figure from another" in html
    assert 'href="/training/exercises/clam-basic/">Clam (side-lying, hips 45°' in html
    assert 'href="/training/exercises/side-plank-hip-abduction/"' in html


def test_exercise_page_draws_each_ladder_with_the_exercise_highlighted(client, library):
    response = client.get("/training/exercises/banded-single-leg-squat/")

    html = response.content.decode()
    assert html.count('<figure class="ladder-diagram" data-ladder="clinic_glute_med">') == 1
    assert html.count('class="ladder-svg ladder-svg--wide"') == 1
    assert html.count('class="ladder-svg ladder-svg--tall"') == 1
    assert "step 12 of 12" in html
    assert (
        "Step 12 of 12: Banded single-leg squat, level 5. This exercise. Locked: needs "
        "Banded weighted squat done with good control in 1 session." in html
    )


def test_exercise_text_from_the_admin_is_escaped_on_the_page(client, library):
    e = Exercise.objects.get(key="clam_basic")
    e.name = '<script>alert("name")</script>'
    e.cues = ['<img src=x onerror="alert(1)">']
    e.save()
    Rung.objects.filter(key="gmed_clam").update(label="<b>Clam</b>")

    html = client.get("/training/exercises/clam-basic/").content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Clam</b>" not in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Clam&lt;/b&gt;" in html


def test_unknown_or_unpublished_exercises_are_404(client, library):
    Exercise.objects.filter(key="hip_thrust").update(is_published=False)

    assert client.get("/training/exercises/hip-thrust/").status_code == 404
    assert client.get("/training/exercises/moonwalk/").status_code == 404


def test_ladder_pages_draw_every_active_ladder_and_list_doses(client, library):
    Ladder.objects.filter(key="plyometric").update(is_active=False)

    overview = client.get("/training/ladders/").content.decode()
    detail = client.get("/training/ladders/clinic_glute_med/").content.decode()

    assert overview.count('<figure class="ladder-diagram"') == 7
    assert 'data-ladder="plyometric"' not in overview
    assert "3 × 8–12 reps; tempo 2-1-3; rest 60 s" in detail
    assert "4 kg → 12 kg in 4 kg steps" in detail
    assert "light band → extra heavy band" in detail
    assert "Banded weighted squat done with good control in 1 session" in detail
    assert client.get("/training/ladders/plyometric/").status_code == 404
