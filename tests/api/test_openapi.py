"""The OpenAPI document says what the API does.

- No two different schema classes share a component name (they overwrote each other, so
  /api/clinic, /api/plan/weeks and /api/training/ladders were described by the wrong shape).
- Real responses of those operations validate against the document.
- Every operation lists the error statuses it can answer with, and nothing it answers with
  (anonymous, runner or staff, with ids that do not exist and bodies that do not validate)
  is missing from the document or breaks the documented shape.
- Times of day are documented as the wall-clock times they are, not RFC 3339 times.
"""

from __future__ import annotations

import json
import re
import typing
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command
from ninja.openapi.schema import REF_TEMPLATE
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel

from stridewell.accounts.models import User
from stridewell.accounts.services import token_create
from stridewell.api.api import api
from stridewell.api.openapi import api_operations, statuses_expected

from .schema_check import problems

NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)  # a Wednesday in term, 10:00 in London
METHODS = ("get", "post", "put", "patch", "delete")


def _document() -> dict[str, Any]:
    return json.loads(json.dumps(api.get_openapi_schema()))


def _models_in(annotation: Any, seen: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _models_in(argument, seen)


def _schema_classes() -> dict[str, set[type[BaseModel]]]:
    """Every pydantic class the operations take or give, by the name the document uses."""
    seen: set[type[BaseModel]] = set()
    for _, operation in api_operations(api):
        for model in [*operation.models, *operation.response_models.values()]:
            if isinstance(model, type) and issubclass(model, BaseModel):
                for field in model.model_fields.values():
                    _models_in(field.annotation, seen)
    by_name: dict[str, set[type[BaseModel]]] = defaultdict(set)
    for model in seen:
        by_name[model.__name__].add(model)
    return by_name


def _shape(model: type[BaseModel], mode: str) -> str:
    schema = model.model_json_schema(
        ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode=mode
    )
    schema.pop("$defs", None)
    return json.dumps(schema, sort_keys=True)


def test_no_two_different_schemas_share_a_component_name():
    clashes = {
        name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
        for name, models in _schema_classes().items()
        if len({(_shape(m, "validation"), _shape(m, "serialization")) for m in models}) > 1
    }

    assert clashes == {}


def test_every_component_in_the_document_is_the_class_of_that_name():
    components = _document()["components"]["schemas"]
    by_name = _schema_classes()

    for name, models in by_name.items():
        if name not in components:
            continue
        shapes = {_shape(m, mode) for m in models for mode in ("validation", "serialization")}
        documented = dict(components[name])
        assert json.dumps(documented, sort_keys=True) in shapes, name


def test_every_operation_declares_the_errors_it_can_answer():
    document = _document()
    missing = {}
    for path, operation in api_operations(api):
        for method in operation.methods:
            declared = {
                int(s) for s in document["paths"][f"/api{path}"][method.lower()]["responses"]
            }
            expected = statuses_expected(path, operation)
            if expected - declared:
                missing[f"{method} {path}"] = sorted(expected - declared)

    assert missing == {}


def test_the_error_statuses_expected_follow_from_inputs_and_auth():
    by_key = {
        (method, path): statuses_expected(path, operation)
        for path, operation in api_operations(api)
        for method in operation.methods
    }

    assert by_key[("PATCH", "/plan")] == {400, 401, 403, 404, 413, 422}
    assert by_key[("GET", "/plan/weeks/{number}")] == {401, 403, 404, 422}
    assert by_key[("GET", "/clinic")] == set()
    assert by_key[("GET", "/booking/availability")] == {422}


def test_no_time_is_documented_as_an_rfc3339_time_the_api_would_refuse():
    text = json.dumps(_document())

    assert '"format": "time"' not in text
    plan_in = _document()["components"]["schemas"]["PlanUpdateIn"]["properties"]
    wall = plan_in["run_time"]["anyOf"][0]
    assert wall["description"].startswith("Clinic wall-clock time (Europe/London)")
    assert re.match(wall["pattern"], "07:00")
    assert not re.match(wall["pattern"], "07:00:00Z")


# --- with the demo clinic: real answers against the document --------------------------------


@pytest.fixture
def demo(db, settings, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    settings.PLANNER_TODAY = NOW.date().isoformat()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    tokens = {}
    for role, email in (("runner", "runner@stridewell.test"), ("staff", "staff@stridewell.test")):
        _, raw = token_create(user=User.objects.get(email=email), name="openapi test")
        tokens[role] = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    return tokens


def _check(document: dict[str, Any], method: str, path: str, response) -> list[str]:
    responses = document["paths"][path][method]["responses"]
    status = str(response.status_code)
    if status not in responses:
        return [f"{method.upper()} {path}: {status} is not documented ({sorted(responses)})"]
    content = responses[status].get("content")
    if content is None:
        return []
    schema = content["application/json"]["schema"]
    found = problems(response.json(), schema, document["components"]["schemas"])
    return [f"{method.upper()} {path} {status}: {p}" for p in found[:5]]


def test_the_operations_that_were_described_wrongly_now_match_the_document(client, demo):
    document = _document()
    for path, who in [
        ("/api/clinic", None),
        ("/api/plan/weeks", "runner"),
        ("/api/training/ladders", None),
    ]:
        response = client.get(path, **(demo[who] if who else {}))

        assert response.status_code == 200, path
        assert response.json(), path
        assert _check(document, "get", path, response) == []


def test_every_answer_of_every_operation_is_documented(client, demo):
    """Each operation as anonymous, runner and staff, with an unknown id and an empty body."""
    document = _document()
    failures: list[str] = []
    for path, item in document["paths"].items():
        url = re.sub(r"\{[^}]+\}", "999999", path)
        for method in METHODS:
            if method not in item:
                continue
            for headers in ({}, demo["runner"], demo["staff"]):
                if method == "get":
                    response = client.get(url, **headers)
                else:
                    response = getattr(client, method)(
                        url, "{}", content_type="application/json", **headers
                    )
                assert response.status_code < 500, (method, url, response.content[:200])
                failures += _check(document, method, path, response)

    assert failures == []


def test_dates_document_the_years_they_accept():
    props = _document()["components"]["schemas"]["AvailabilityQuery"]["properties"]
    pattern = props["start"]["pattern"] if "start" in props else None
    if pattern is None:  # query models are flattened into parameters
        params = _document()["paths"]["/api/booking/availability"]["get"]["parameters"]
        pattern = next(p["schema"]["pattern"] for p in params if p["name"] == "start")

    assert re.match(pattern, "1900-01-01")
    assert re.match(pattern, "2999-12-31")
    assert not re.match(pattern, "0001-01-01")
    assert not re.match(pattern, "9999-12-31")
