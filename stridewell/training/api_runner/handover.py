"""Hand-overs in the API (ADR 0014): staff hand a runner to another physio, or a runner chooses
their physio. Listed for the runner and both physios; a physio cannot hand a runner over."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from stridewell.accounts.models import Role, User
from stridewell.api.auth import api_auth
from stridewell.api.errors import ApiError
from stridewell.api.types import MultiLineText
from stridewell.training.access import is_staff, runner_get_for_viewer
from stridewell.training.models import HandOver
from stridewell.training.selectors_handover import hand_overs_for
from stridewell.training.services_handover import REASON_MAX, physios_available, runner_hand_over

router = Router(tags=["training: runner"], auth=api_auth)


class HandOverIn(Schema):
    runner: int | None = Field(None, description="Staff: the runner. Omit when a runner chooses.")
    to_physio: int = Field(description="The physio's id, from GET /training/physios.")
    reason: MultiLineText = Field("", max_length=REASON_MAX, description="Required from staff.")


class HandOverOut(Schema):
    id: int
    runner: int
    from_physio: int | None
    from_physio_name: str | None
    to_physio: int | None
    to_physio_name: str | None
    by: str
    kind: str
    reason: str
    at: dt.datetime


class PhysioOut(Schema):
    id: int
    name: str


def _name(user: User | None) -> str | None:
    return None if user is None else user.get_full_name() or user.email


def hand_over_out(h: HandOver) -> dict[str, Any]:
    return {
        "id": h.pk,
        "runner": h.runner_id,
        "from_physio": h.from_physio_id,
        "from_physio_name": _name(h.from_physio),
        "to_physio": h.to_physio_id,
        "to_physio_name": _name(h.to_physio),
        "by": h.by_email,
        "kind": h.kind,
        "reason": h.reason,
        "at": h.at,
    }


@router.get("/physios", response=list[PhysioOut], summary="Physios a runner can choose")
def physios_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"id": p.pk, "name": _name(p)} for p in physios_available()]


@router.post("/hand-overs", response={201: HandOverOut}, summary="Hand a runner over")
def hand_overs_create(request: HttpRequest, payload: HandOverIn) -> Status[dict[str, Any]]:
    """Clinic staff hand `runner` to `to_physio` (with a reason), or a runner chooses their
    physio (omit `runner`). The active programme and open alerts move to the new physio; the
    previous physio no longer sees the runner's data. Physios get 404 for a runner they cannot
    see and 403 otherwise: a physio never takes a runner over."""
    user = request.auth  # type: ignore[attr-defined]
    if payload.runner is None or payload.runner == user.pk:
        if user.role != Role.RUNNER:
            raise ApiError(422, "invalid", "Say which runner.", {"runner": ["Required."]})
        runner = user
    else:
        runner = runner_get_for_viewer(
            viewer=user, runner_id=payload.runner, what="training.handover"
        )
        if not is_staff(user):
            raise ApiError(403, "forbidden", "Only clinic staff or the runner can do this.")
    to_physio = physios_available().filter(pk=payload.to_physio).first()
    if to_physio is None:
        raise ApiError(
            422, "invalid", "Choose one of the clinic's physios.", {"to_physio": ["Unknown."]}
        )
    try:
        record = runner_hand_over(
            runner=runner, to_physio=to_physio, by=user, reason=payload.reason
        )
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        message = " ".join(m for ms in fields.values() for m in ms)
        raise ApiError(422, "invalid", message, fields) from None
    return Status(201, hand_over_out(record))


@router.get("/hand-overs", response=list[HandOverOut], summary="Changes of physio")
def hand_overs_list(request: HttpRequest, runner: int | None = None) -> list[dict[str, Any]]:
    """A runner's own; a physio's to or from them; staff all (or one runner's with `runner`)."""
    user = request.auth  # type: ignore[attr-defined]
    who = None
    if runner is not None:
        who = runner_get_for_viewer(viewer=user, runner_id=runner, what="training.handovers")
    return [hand_over_out(h) for h in hand_overs_for(viewer=user, runner=who)[:200]]
