"""A tiny API wired with the project's error handlers, to test every failure path in isolation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.urls import path
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError

from stridewell.api.errors import ApiError, install_error_handlers

probe = NinjaAPI(title="Probe", urls_namespace="probe-api", docs_url=None)
install_error_handlers(probe)


class PaceIn(Schema):
    distance_km: float
    minutes: int


@probe.post("/pace")
def pace(request: HttpRequest, payload: PaceIn) -> dict:
    return {"min_per_km": round(payload.minutes / payload.distance_km, 2)}


@probe.get("/api-error")
def api_error(request: HttpRequest) -> dict:
    raise ApiError(409, "slot_taken", "That slot has just been booked.", {"start": ["Taken."]})


@probe.get("/missing")
def missing(request: HttpRequest) -> dict:
    raise Http404("no such programme")


@probe.get("/forbidden")
def forbidden(request: HttpRequest) -> dict:
    raise PermissionDenied("Only your physio can change this plan.")


@probe.get("/django-invalid")
def django_invalid(request: HttpRequest) -> dict:
    raise ValidationError({"reps": ["Enter a number from 1 to 30."]})


@probe.get("/teapot")
def teapot(request: HttpRequest) -> dict:
    raise HttpError(418, "I'm a teapot")


@probe.get("/boom")
def boom(request: HttpRequest) -> dict:
    raise RuntimeError("database password is hunter2")


urlpatterns = [path("api/", probe.urls)]
