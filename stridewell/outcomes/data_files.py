"""Read questionnaire files (YAML or JSON) and check them with the engine, touching no database."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from stridewell.outcomes import engine

DATA_DIR = Path(__file__).resolve().parent / "data"
SUFFIXES = (".yaml", ".yml", ".json")


class QuestionnaireFileError(Exception):
    """Every problem found in one or more files, each prefixed with its file's name."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def data_files(directory: Path = DATA_DIR) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES)


def questionnaire_file_read(path: Path) -> engine.QuestionnaireSpec:
    """The questionnaire in `path`, or `QuestionnaireFileError` listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireFileError([f"{path.name}: cannot be read ({exc})"]) from exc
    try:
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        message = " ".join(str(exc).split())
        raise QuestionnaireFileError(
            [f"{path.name}: not valid {path.suffix[1:]}: {message}"]
        ) from exc
    try:
        return engine.spec_read(raw)
    except engine.SpecError as exc:
        raise QuestionnaireFileError([f"{path.name}: {p}" for p in exc.problems]) from exc


def questionnaire_files_read(paths: list[Path]) -> list[engine.QuestionnaireSpec]:
    """Every file checked before any is returned; two files may not share a key."""
    problems: list[str] = []
    specs: list[engine.QuestionnaireSpec] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            spec = questionnaire_file_read(path)
        except QuestionnaireFileError as exc:
            problems += exc.problems
            continue
        if spec.key in seen:
            problems.append(f"{path.name}: key '{spec.key}' is also used by {seen[spec.key]}")
        seen[spec.key] = path.name
        specs.append(spec)
    if problems:
        raise QuestionnaireFileError(problems)
    return specs
