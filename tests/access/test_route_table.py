"""Issue #11: every page route and every API operation, for each of six roles (tests/access/
table.py). A route or operation missing from the table fails here, so a new one must say who
may use it. A refused write to a runner's health data changes nothing."""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from stridewell.outcomes.models import Response
from stridewell.training.models import (
    AccessLog,
    Alert,
    CheckIn,
    Decision,
    HandOver,
    Programme,
    ProgrammeEntry,
    Screening,
    Session,
)
from tests.access.conftest import ROLES, as_
from tests.access.routes import (
    admin_routes,
    admin_url,
    api_operations,
    api_url,
    page_routes,
    page_url,
)
from tests.access.table import HEALTH, OPERATIONS, PAGES, PUBLIC


def fingerprint() -> str:
    """Everything a write to a runner's health data could change."""
    rows = [
        list(Screening.objects.order_by("pk").values_list("pk", flat=True)),
        list(Programme.objects.order_by("pk").values_list("pk", "physio_id", "is_active")),
        list(ProgrammeEntry.objects.order_by("pk").values_list("pk", "state")),
        list(Decision.objects.order_by("pk").values_list("pk", flat=True)),
        list(Alert.objects.order_by("pk").values_list("pk", "physio_id", "acknowledged_at")),
        list(HandOver.objects.order_by("pk").values_list("pk", flat=True)),
        list(Session.objects.order_by("pk").values_list("pk", flat=True)),
        list(CheckIn.objects.order_by("pk").values_list("pk", flat=True)),
        list(Response.objects.order_by("pk").values_list("pk", flat=True)),
        AccessLog.objects.count(),
    ]
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def _refused(status: int, who: str) -> bool:
    return who == "anonymous" or status in {401, 403, 404}


def _call(client: Client, method: str, url: str, data: dict, *, json_body: bool) -> int:
    """One request, rolled back afterwards so each role meets the same world."""
    cache.clear()  # rate limits count per test run; they are tested elsewhere
    with transaction.atomic():
        if method == "get":
            response = client.get(url, data)
        elif json_body:
            response = client.generic(
                method.upper(), url, json.dumps(data), content_type="application/json"
            )
        else:
            response = client.post(url, data)
        transaction.set_rollback(True)
    return response.status_code


# --- the table covers everything -----------------------------------------------------------


def test_every_page_route_is_in_the_table(db):
    routes = {name for name, _ in page_routes()}
    assert sorted(routes - set(PAGES)) == [], "new routes: add them to tests/access/table.py"
    assert sorted(set(PAGES) - routes) == [], "routes that no longer exist"


def test_every_api_operation_is_in_the_table(db):
    operations = set(api_operations())
    assert sorted(operations - set(OPERATIONS)) == [], "new operations: add them to the table"
    assert sorted(set(OPERATIONS) - operations) == [], "operations that no longer exist"


def test_the_table_keeps_its_promises():
    """Whatever a row says, these hold: public is open to anonymous, the rest is not, and a
    runner's health data is 404 to another runner and another physio."""
    rows = [(n, p.kind, s) for n, p in PAGES.items() for s in (p.get, p.post)]
    rows += [(n, o.kind, o.status) for n, o in OPERATIONS.items()]
    for name, kind, statuses in rows:
        anonymous = statuses[0]
        if kind == PUBLIC:
            assert anonymous not in {401, 403}, name
        else:
            assert anonymous in {302, 401, 405}, name
        if kind == HEALTH:
            others = statuses[ROLES.index("other_runner")], statuses[ROLES.index("other_physio")]
            assert set(others) <= {404, 302, 405}, name


# --- each role gets what the table says ----------------------------------------------------


def _check_pages(client: Client, world: SimpleNamespace, kinds: set[str]) -> list[str]:
    wrong = []
    for name, route in page_routes():
        page = PAGES[name]
        if page.kind not in kinds:
            continue
        url = page_url(route, world)
        for method, expected in (("get", page.get), ("post", page.post)):
            data = page.data(world) if method == "post" else {}
            for who, status in zip(ROLES, expected, strict=True):
                before = fingerprint() if page.kind == HEALTH else ""
                got = _call(as_(client, world, who), method, url, data, json_body=False)
                if got != status:
                    wrong.append(f"{method.upper()} {name} as {who}: {got}, table says {status}")
                if page.kind == HEALTH and _refused(status, who) and fingerprint() != before:
                    wrong.append(f"{method.upper()} {name} as {who} changed the data")
    return wrong


def _check_operations(client: Client, world: SimpleNamespace, kinds: set[str]) -> list[str]:
    wrong = []
    for operation in api_operations():
        op = OPERATIONS[operation]
        if op.kind not in kinds:
            continue
        method, url = api_url(operation, world)
        url += op.query.format(w=world)
        for who, status in zip(ROLES, op.status, strict=True):
            before = fingerprint() if op.kind == HEALTH else ""
            c = as_(client, world, who)
            got = _call(c, method.lower(), url, op.data(world), json_body=True)
            if got != status:
                wrong.append(f"{operation} as {who}: {got}, table says {status}")
            if op.kind == HEALTH and _refused(status, who) and fingerprint() != before:
                wrong.append(f"{operation} as {who} changed the data")
    return wrong


def test_health_pages_answer_each_role_as_the_table_says(client, world):
    assert _check_pages(client, world, {HEALTH}) == []


def test_other_pages_answer_each_role_as_the_table_says(client, world):
    kinds = {p.kind for p in PAGES.values()} - {HEALTH}
    assert _check_pages(client, world, kinds) == []


def test_health_operations_answer_each_role_as_the_table_says(client, world):
    assert _check_operations(client, world, {HEALTH}) == []


def test_other_operations_answer_each_role_as_the_table_says(client, world):
    kinds = {o.kind for o in OPERATIONS.values()} - {HEALTH}
    assert _check_operations(client, world, kinds) == []


@pytest.mark.parametrize("who", ["anonymous", "runner", "physio", "staff"])
def test_every_admin_route_sends_anyone_but_admins_to_the_admin_log_in(client, world, who):
    """The Django admin is for accounts with admin rights only (not a role's staff flag)."""
    c = as_(client, world, who)
    wrong = []
    for route in admin_routes():
        url = admin_url(route)
        if url in {"/admin/login/", "/admin/logout/"}:
            continue
        response = c.get(url)
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith("/admin/login/"):
            wrong.append(f"{url}: {response.status_code} {location}")
    assert wrong == []
