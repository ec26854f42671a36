"""`load_questionnaires`: checks every file first, loads idempotently, refuses an unversioned
change or one that would make scores incomparable, and writes nothing when anything is wrong."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from stridewell.outcomes.data_files import DATA_DIR
from stridewell.outcomes.models import Questionnaire

from .engine.factories import raw


def write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_questionnaires", *args, stdout=out)
    return out.getvalue()


def test_the_default_load_creates_the_demo_questionnaire_then_changes_nothing(db):
    assert "1 created, 0 updated, 0 unchanged" in run()
    first = Questionnaire.objects.get()

    assert "0 created, 0 updated, 1 unchanged" in run()
    again = Questionnaire.objects.get()
    assert (again.pk, again.digest, again.loaded_at) == (first.pk, first.digest, first.loaded_at)
    assert (again.key, again.version, again.is_active) == ("running-function", "1.0", True)


def test_check_reads_the_files_and_writes_nothing(db):
    assert run("--check") == "Valid: running-function (8 items).\n"
    assert not Questionnaire.objects.exists()


def test_a_clinic_file_loads_from_anywhere(db, tmp_path):
    path = write(tmp_path, "lefs-numbers.yaml", raw(20, key="lefs-numbers", mcid={
        "points": 9, "source": "Binkley 1999"}))  # fmt: skip

    run("--file", str(path))

    spec = Questionnaire.objects.get(key="lefs-numbers").spec
    assert (len(spec.items), spec.low, spec.high, spec.mcid.points) == (20, 0, 80, 9)


def test_a_broken_file_loads_nothing_and_lists_every_problem(db, tmp_path):
    good = write(tmp_path, "good.yaml", raw(4, key="good-one"))
    bad = write(tmp_path, "bad.yaml", raw(4, key="bad-one", format=2, direction="up"))

    with pytest.raises(CommandError) as caught:
        run("--file", str(good), "--file", str(bad))

    message = str(caught.value)
    assert "2 problems; nothing was loaded" in message
    assert "bad.yaml: format: must be 1" in message
    assert "bad.yaml: direction: must be" in message
    assert not Questionnaire.objects.exists()


def test_a_file_that_is_not_yaml_is_named(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("key: [unclosed\n")

    with pytest.raises(CommandError, match=r"broken\.yaml: not valid yaml"):
        run("--file", str(path))


def test_two_files_with_one_key_are_refused(db, tmp_path):
    one = write(tmp_path, "one.yaml", raw(4))
    two = write(tmp_path, "two.yaml", raw(4))

    with pytest.raises(
        CommandError, match=r"two\.yaml: key 'test-scale' is also used by one\.yaml"
    ):
        run("--file", str(one), "--file", str(two))


def test_a_change_needs_a_new_version(db, tmp_path):
    run("--file", str(write(tmp_path, "a.yaml", raw(4))))
    reworded = raw(4)
    reworded["items"][0]["text"] = "Reworded item"

    with pytest.raises(CommandError, match=r"changed but its version is still 1\.0"):
        run("--file", str(write(tmp_path, "a.yaml", reworded)))
    assert Questionnaire.objects.get().spec.items[0].text == "Item 0"

    reworded["version"] = "1.1"
    assert "0 created, 1 updated" in run("--file", str(write(tmp_path, "a.yaml", reworded)))
    assert Questionnaire.objects.get().spec.items[0].text == "Reworded item"


def test_a_new_version_may_not_change_the_range_or_direction(db, tmp_path):
    run("--file", str(write(tmp_path, "a.yaml", raw(4))))

    flipped = raw(4, version="2.0", direction="lower_is_better")
    with pytest.raises(CommandError, match="load it under a new key"):
        run("--file", str(write(tmp_path, "a.yaml", flipped)))


def test_a_withdrawn_questionnaire_stays_withdrawn_when_reloaded(db):
    run()
    Questionnaire.objects.update(is_active=False)

    run()

    assert Questionnaire.objects.get().is_active is False


def test_the_data_folder_holds_only_our_own_questionnaire():
    assert [p.name for p in DATA_DIR.iterdir()] == ["running-function.yaml"]
