# ruff: noqa: E501 — one row per route reads best on one line
"""The access table: every page route and API operation, and what each role gets back.

Roles, in order: anonymous, the runner (Amara), another runner (Tom), the runner's own physio
(Priya), another physio (Callum, Tom's physio) and clinic staff. Paths name Amara's records
(her id, her programme entry, her alert, session, screening and check-in); any other id names
nothing. Kinds:

PUBLIC     anyone, signed in or not.
SIGNED_IN  any signed-in account, on their own data (anonymous: sent to log in / 401).
RUNNER     a runner's own pages (clinicians are sent to their own pages).
CLINIC     physios and clinic staff (the diary, the advice inbox).
STAFF      clinic staff only.
HEALTH     one runner's health data: the runner, their physio and staff; anyone else 404 (never
           403, which would confirm the runner exists), and a refused write changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from tests.access.conftest import MONDAY

PUBLIC, SIGNED_IN, RUNNER, CLINIC, STAFF, HEALTH = (
    "public",
    "signed in",
    "runner",
    "clinic",
    "staff",
    "health",
)
Statuses = tuple[int, int, int, int, int, int]
Data = Callable[[SimpleNamespace], dict[str, Any]]


def every(status: int) -> Statuses:
    return (status,) * 6


def _none(world: SimpleNamespace) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    kind: str
    get: Statuses
    post: Statuses
    data: Data = _none  # the POST body (a form)


@dataclass(frozen=True)
class Op:
    kind: str
    status: Statuses
    data: Data = _none  # the JSON body, or the query for a GET
    query: str = ""  # appended to the path, formatted with the world


# The six roles' answers for a runner's health data, read and written.
READ = (302, 404, 404, 200, 404, 200)  # pages for clinicians: their physio and staff
OWN_OR_CLINICIAN = (302, 200, 404, 200, 404, 200)  # the runner too
WRITE = (302, 404, 404, 302, 404, 302)  # done, then redirected back
STAFF_ONLY_READ = (302, 404, 404, 404, 404, 200)
STAFF_ONLY_WRITE = (302, 404, 404, 404, 404, 302)
NOT_GET = (302, 404, 404, 405, 405, 405)
API_READ = (401, 200, 404, 200, 404, 200)

SCREENING_FORM = {
    "date": MONDAY.isoformat(),
    "age": "35",
    "sex": "female",
    "current_pain": "0",
    "sessions_per_week": "2",
}


def _override_form(w: SimpleNamespace) -> dict[str, Any]:
    return {f"o{w.entry.ladder.key}-rung": w.other_rung}


def _hand_over_form(w: SimpleNamespace) -> dict[str, Any]:
    return {"to_physio": w.other_physio.pk, "reason": "Priya on leave"}


PAGES: dict[str, Page] = {
    "home": Page(PUBLIC, get=every(200), post=every(405)),
    "healthz": Page(PUBLIC, get=every(200), post=every(405)),
    "api_not_found": Page(PUBLIC, get=every(404), post=every(404)),  # JSON 404 under /api/
    "robots_txt": Page(PUBLIC, get=every(200), post=every(405)),
    "sitemap": Page(PUBLIC, get=every(200), post=every(405)),
    "my_data": Page(SIGNED_IN, get=(302, 200, 200, 200, 200, 200), post=(302, *every(405)[1:])),
    "accounts:signup": Page(PUBLIC, get=(200, *every(302)[1:]), post=(200, *every(302)[1:])),
    "accounts:signup_done": Page(PUBLIC, get=every(200), post=every(405)),
    "accounts:login": Page(PUBLIC, get=(200, *every(302)[1:]), post=(200, *every(302)[1:])),
    "accounts:logout": Page(PUBLIC, get=every(405), post=every(302)),
    "accounts:password_change": Page(
        SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(200)[1:])
    ),
    "accounts:password_change_done": Page(
        SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(405)[1:])
    ),
    "accounts:password_reset": Page(PUBLIC, get=every(200), post=every(200)),
    "accounts:password_reset_done": Page(PUBLIC, get=every(200), post=every(405)),
    "accounts:password_reset_confirm": Page(PUBLIC, get=every(200), post=every(200)),
    "accounts:password_reset_complete": Page(PUBLIC, get=every(200), post=every(405)),
    "clinic:visit": Page(PUBLIC, get=every(200), post=every(405)),
    "training:exercise_list": Page(PUBLIC, get=every(200), post=every(405)),
    "training:exercise_detail": Page(PUBLIC, get=every(404), post=every(405)),
    "training:ladder_list": Page(PUBLIC, get=every(200), post=every(405)),
    "training:ladder_detail": Page(PUBLIC, get=every(404), post=every(405)),
    # A runner's own pages: each runner sees their own; clinicians go to their dashboard.
    "training:dashboard": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "training:session_log": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "training:check_in": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "training:access_log": Page(SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(405)[1:])),
    "training:access_log_export": Page(STAFF, get=STAFF_ONLY_READ, post=(302, *every(405)[1:])),
    "training:timeline": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "training:self_screen": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "training:programme_print": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "training:check_in_detail": Page(HEALTH, get=(302, 200, 404, 302, 302, 302), post=(302, 200, 404, 302, 302, 302)),
    "training:session_detail": Page(HEALTH, get=OWN_OR_CLINICIAN, post=OWN_OR_CLINICIAN),
    "training:screening_detail": Page(HEALTH, get=OWN_OR_CLINICIAN, post=OWN_OR_CLINICIAN),
    # The physio pages: every one keyed by a runner checks the right to view that runner.
    "training:physio_dashboard": Page(CLINIC, get=(302, 404, 404, 200, 200, 200), post=(302, 404, 404, 200, 200, 200)),
    "training:physio_runner": Page(HEALTH, get=READ, post=READ),
    "training:screening_new": Page(HEALTH, get=READ, post=WRITE, data=lambda w: SCREENING_FORM),
    "training:programme_assign": Page(
        HEALTH, get=READ, post=WRITE, data=lambda w: {"ladder_hip": "hip_clam", "sessions_per_week": "2"}
    ),
    "training:hand_over": Page(HEALTH, get=STAFF_ONLY_READ, post=STAFF_ONLY_WRITE, data=_hand_over_form),
    "training:timeline_for": Page(HEALTH, get=READ, post=READ),
    "training:programme_print_for": Page(HEALTH, get=READ, post=READ),
    "training:override_set": Page(HEALTH, get=NOT_GET, post=WRITE, data=_override_form),
    "training:override_clear": Page(HEALTH, get=NOT_GET, post=WRITE),
    "training:entry_resume": Page(HEALTH, get=NOT_GET, post=WRITE),
    "training:alert_acknowledge": Page(HEALTH, get=NOT_GET, post=WRITE),
    "outcomes:mine": Page(RUNNER, get=(302, 200, 200, 302, 302, 302), post=(302, 200, 200, 302, 302, 302)),
    "outcomes:answer": Page(RUNNER, get=(302, 404, 404, 302, 302, 302), post=(302, 404, 404, 302, 302, 302)),
    "outcomes:runner_scores": Page(HEALTH, get=READ, post=READ),
    # Marathon plans: each account's own (a plan id that is not theirs is 404).
    "planner:overview": Page(SIGNED_IN, get=every(302), post=(302, *every(405)[1:])),
    "planner:create": Page(SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(200)[1:])),
    "planner:edit": Page(SIGNED_IN, get=every(302), post=every(302)),
    "planner:this_week": Page(SIGNED_IN, get=every(302), post=(302, *every(405)[1:])),
    "planner:week": Page(SIGNED_IN, get=every(302), post=(302, *every(405)[1:])),
    "planner:run_log": Page(SIGNED_IN, get=(302, *every(405)[1:]), post=(302, *every(404)[1:])),
    "planner:run_move": Page(SIGNED_IN, get=(302, *every(405)[1:]), post=(302, *every(404)[1:])),
    "planner:strength_log": Page(SIGNED_IN, get=(302, *every(405)[1:]), post=(302, *every(404)[1:])),
    "planner:strength_move": Page(SIGNED_IN, get=(302, *every(405)[1:]), post=(302, *every(404)[1:])),
    "planner:import": Page(SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(200)[1:])),
    "planner:calendar": Page(SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(405)[1:])),
    "planner:month": Page(SIGNED_IN, get=(302, *every(404)[1:]), post=(302, *every(405)[1:])),
    "planner:feed_rotate": Page(SIGNED_IN, get=(302, *every(405)[1:]), post=(302, *every(200)[1:])),
    "planner:feed_revoke": Page(SIGNED_IN, get=(302, *every(405)[1:]), post=every(302)),
    "planner:download": Page(SIGNED_IN, get=(302, *every(200)[1:]), post=(302, *every(405)[1:])),
    "planner:feed": Page(PUBLIC, get=every(404), post=every(405)),  # a secret token in the path
    # Booking: public pages; tokens and ids in the path name nothing here.
    "booking:start": Page(PUBLIC, get=every(200), post=every(405)),
    "booking:hold": Page(PUBLIC, get=every(405), post=every(302)),
    "booking:details": Page(PUBLIC, get=every(302), post=every(302)),  # back to the start
    "booking:done": Page(PUBLIC, get=every(404), post=every(405)),
    "booking:calendar": Page(PUBLIC, get=every(404), post=every(405)),
    "booking:cancel": Page(PUBLIC, get=every(404), post=every(404)),
    "booking:reschedule": Page(PUBLIC, get=every(404), post=every(404)),
    "booking:diary": Page(CLINIC, get=(302, 403, 403, 200, 200, 200), post=(302, *every(405)[1:])),
    "booking:diary_book": Page(CLINIC, get=(302, 403, 403, 200, 200, 200), post=(302, 403, 403, 422, 422, 422)),
    "booking:diary_appointment": Page(CLINIC, get=(302, 403, 403, 404, 404, 404), post=(302, *every(405)[1:])),
    "booking:diary_action": Page(CLINIC, get=(302, *every(405)[1:]), post=(302, 403, 403, 404, 404, 404)),
    "booking:practitioner": Page(PUBLIC, get=every(404), post=every(405)),
    "booking:slots": Page(PUBLIC, get=every(404), post=every(405)),
    "journal:index": Page(PUBLIC, get=every(200), post=every(405)),
    "journal:search": Page(PUBLIC, get=every(200), post=every(405)),
    "journal:tag": Page(PUBLIC, get=every(404), post=every(405)),
    "journal:feed_rss": Page(PUBLIC, get=every(200), post=every(200)),
    "journal:feed_atom": Page(PUBLIC, get=every(200), post=every(200)),
    "journal:moderation": Page(STAFF, get=(302, 403, 403, 403, 403, 200), post=(302, 403, 403, 403, 403, 405)),
    "journal:moderation_reply": Page(STAFF, get=(302, 403, 403, 403, 403, 404), post=(302, 403, 403, 403, 403, 404)),
    "journal:moderate": Page(STAFF, get=(302, 403, 403, 403, 403, 405), post=(302, 403, 403, 403, 403, 404)),
    "journal:unsubscribe": Page(PUBLIC, get=every(404), post=every(404)),
    "journal:article": Page(PUBLIC, get=every(404), post=every(405)),
    "journal:comment_post": Page(PUBLIC, get=every(405), post=every(404)),
    "journal:comment_form": Page(PUBLIC, get=every(404), post=every(405)),
    "newsletter:subscribe": Page(PUBLIC, get=every(200), post=every(200)),
    "newsletter:pending": Page(PUBLIC, get=every(200), post=every(405)),
    "newsletter:confirm": Page(PUBLIC, get=every(404), post=every(404)),
    "newsletter:unsubscribe": Page(PUBLIC, get=every(404), post=every(404)),
    "newsletter:preferences": Page(PUBLIC, get=every(404), post=every(404)),
    "newsletter:preferences_export": Page(PUBLIC, get=every(405), post=every(404)),
    "newsletter:preferences_erase": Page(PUBLIC, get=every(405), post=every(404)),
    "newsletter:erased": Page(PUBLIC, get=every(200), post=every(405)),
    "newsletter:staff": Page(STAFF, get=(302, 403, 403, 403, 403, 200), post=every(405)),
    "newsletter:staff_issue_new": Page(STAFF, get=(302, 403, 403, 403, 403, 200), post=(302, 403, 403, 403, 403, 200)),
    "newsletter:staff_issue_preview": Page(STAFF, get=every(405), post=(302, 403, 403, 403, 403, 200)),
    "newsletter:staff_issue": Page(STAFF, get=(302, 403, 403, 403, 403, 404), post=every(405)),
    "newsletter:staff_issue_edit": Page(STAFF, get=(302, 403, 403, 403, 403, 404), post=(302, 403, 403, 403, 403, 404)),
    "newsletter:staff_issue_test": Page(STAFF, get=every(405), post=(302, 403, 403, 403, 403, 404)),
    "newsletter:staff_issue_send": Page(STAFF, get=(302, 403, 403, 403, 403, 404), post=(302, 403, 403, 403, 403, 404)),
    "newsletter:staff_issue_progress": Page(STAFF, get=(302, 403, 403, 403, 403, 404), post=every(405)),
    "newsletter:staff_issue_resume": Page(STAFF, get=every(405), post=(302, 403, 403, 403, 403, 404)),
    "newsletter:staff_lookup": Page(STAFF, get=(302, 403, 403, 403, 403, 200), post=(302, 403, 403, 403, 403, 200)),
    "newsletter:staff_lookup_export": Page(STAFF, get=every(405), post=(302, 403, 403, 403, 403, 200)),
    "newsletter:staff_lookup_erase": Page(STAFF, get=every(405), post=(302, 403, 403, 403, 403, 200)),
    "enquiries:new": Page(PUBLIC, get=every(200), post=every(200)),
    "enquiries:thanks": Page(PUBLIC, get=every(200), post=every(405)),
    "enquiries:staff_inbox": Page(CLINIC, get=(302, 403, 403, 200, 200, 200), post=every(405)),
    "enquiries:staff_detail": Page(CLINIC, get=(302, 403, 403, 404, 404, 404), post=every(405)),
    "enquiries:staff_reply": Page(CLINIC, get=every(405), post=(302, 403, 403, 404, 404, 404)),
    "enquiries:staff_status": Page(CLINIC, get=every(405), post=(302, 403, 403, 404, 404, 404)),
}  # fmt: skip


def _screening_body(w: SimpleNamespace) -> dict[str, Any]:
    return {"runner": w.runner.pk, "age": 35, "sex": "female", "current_pain": 0}


def _override_body(w: SimpleNamespace) -> dict[str, Any]:
    return {"entry": w.entry.pk, "rung": w.other_rung}


def _hand_over_body(w: SimpleNamespace) -> dict[str, Any]:
    return {"runner": w.runner.pk, "to_physio": w.other_physio.pk, "reason": "Priya on leave"}


OF_RUNNER = "?runner={w.runner.pk}"

OPERATIONS: dict[str, Op] = {
    "POST /api/auth/tokens": Op(PUBLIC, every(422)),
    "GET /api/auth/tokens": Op(SIGNED_IN, (401, *every(200)[1:])),
    "POST /api/auth/signup": Op(PUBLIC, every(422)),
    "DELETE /api/auth/tokens/{token_id}": Op(SIGNED_IN, (401, *every(404)[1:])),
    "GET /api/auth/me": Op(SIGNED_IN, (401, *every(200)[1:])),
    "GET /api/clinic": Op(PUBLIC, every(404)),  # no clinic details in this world
    "GET /api/training/exercises": Op(PUBLIC, every(200)),
    "GET /api/training/exercises/{slug}": Op(PUBLIC, every(404)),
    "GET /api/training/ladders": Op(PUBLIC, every(200)),
    # A runner's training: the runner, their physio and staff; 404 for anyone else.
    "POST /api/training/screenings": Op(HEALTH, (401, 201, 404, 201, 404, 201), _screening_body),
    "GET /api/training/programme": Op(HEALTH, API_READ, query=OF_RUNNER),
    "POST /api/training/sessions": Op(SIGNED_IN, (401, *every(422)[1:])),  # only ever one's own
    "POST /api/training/checkins": Op(SIGNED_IN, (401, *every(422)[1:])),  # only ever one's own
    "GET /api/training/decisions": Op(HEALTH, API_READ, query=OF_RUNNER),
    "POST /api/training/overrides": Op(HEALTH, (401, 403, 404, 201, 404, 201), _override_body),
    "POST /api/training/entries/{entry_id}/resume": Op(HEALTH, (401, 403, 404, 422, 404, 422)),
    "GET /api/training/physios": Op(SIGNED_IN, (401, *every(200)[1:])),
    # The runner may choose their physio; staff hand over; a physio never takes a runner over.
    "POST /api/training/hand-overs": Op(HEALTH, (401, 201, 404, 403, 404, 201), _hand_over_body),
    "GET /api/training/hand-overs": Op(HEALTH, API_READ, query=OF_RUNNER),
    "GET /api/outcomes/questionnaires": Op(SIGNED_IN, (401, *every(200)[1:])),
    "POST /api/outcomes/responses": Op(SIGNED_IN, (401, *every(422)[1:])),  # one's own
    "GET /api/outcomes/responses": Op(HEALTH, API_READ, query=OF_RUNNER),
    "GET /api/outcomes/scores": Op(HEALTH, API_READ, query=OF_RUNNER),
    "POST /api/plan": Op(SIGNED_IN, (401, *every(422)[1:])),
    "GET /api/plan": Op(SIGNED_IN, (401, *every(404)[1:])),
    "PATCH /api/plan": Op(SIGNED_IN, (401, *every(404)[1:])),
    "GET /api/plan/race": Op(SIGNED_IN, (401, *every(404)[1:])),
    "GET /api/plan/weeks": Op(SIGNED_IN, (401, *every(404)[1:])),
    "GET /api/plan/weeks/{number}": Op(SIGNED_IN, (401, *every(404)[1:])),
    "POST /api/plan/runs/{run_id}/log": Op(SIGNED_IN, (401, *every(422)[1:])),
    "POST /api/plan/runs/{run_id}/move": Op(SIGNED_IN, (401, *every(422)[1:])),
    "POST /api/plan/strength/{session_id}/log": Op(SIGNED_IN, (401, *every(422)[1:])),
    "POST /api/plan/strength/{session_id}/move": Op(SIGNED_IN, (401, *every(422)[1:])),
    "POST /api/plan/imports": Op(SIGNED_IN, (401, *every(422)[1:])),
    "GET /api/plan/actual-runs": Op(SIGNED_IN, (401, *every(200)[1:])),
    "POST /api/plan/feed": Op(SIGNED_IN, (401, *every(201)[1:])),
    "DELETE /api/plan/feed": Op(SIGNED_IN, (401, *every(204)[1:])),
    "GET /api/booking/types": Op(PUBLIC, every(200)),
    "GET /api/booking/practitioners": Op(PUBLIC, every(200)),
    "GET /api/booking/availability": Op(PUBLIC, every(422)),
    "POST /api/booking/holds": Op(PUBLIC, every(422)),
    "DELETE /api/booking/holds/{hold_id}": Op(PUBLIC, every(204)),
    "POST /api/booking/appointments": Op(PUBLIC, every(422)),
    "POST /api/booking/appointments/{appointment_id}/cancel": Op(PUBLIC, every(422)),
    "POST /api/booking/appointments/{appointment_id}/reschedule": Op(PUBLIC, every(422)),
    # The diary: bad input is refused before the role is (422 for runners too), nothing leaks.
    "GET /api/booking/diary/appointments": Op(CLINIC, (401, *every(422)[1:])),
    "POST /api/booking/diary/appointments": Op(CLINIC, (401, *every(422)[1:])),
    "GET /api/booking/diary/appointments/{appointment_id}": Op(CLINIC, (401, 403, 403, 404, 404, 404)),
    "POST /api/booking/diary/appointments/{appointment_id}/confirm": Op(CLINIC, (401, 403, 403, 404, 404, 404)),
    "POST /api/booking/diary/appointments/{appointment_id}/arrived": Op(CLINIC, (401, 403, 403, 404, 404, 404)),
    "POST /api/booking/diary/appointments/{appointment_id}/no-show": Op(CLINIC, (401, 403, 403, 404, 404, 404)),
    "POST /api/booking/diary/appointments/{appointment_id}/cancel": Op(CLINIC, (401, 403, 403, 404, 404, 404)),
    "POST /api/booking/diary/appointments/{appointment_id}/move": Op(CLINIC, (401, *every(422)[1:])),
    "GET /api/journal/articles": Op(PUBLIC, every(200)),
    "GET /api/journal/articles/{slug}": Op(PUBLIC, every(404)),
    "GET /api/journal/articles/{slug}/comments": Op(PUBLIC, every(404)),
    "POST /api/journal/articles/{slug}/comments": Op(PUBLIC, every(422)),
    "GET /api/newsletter/consent": Op(PUBLIC, every(200)),
    "POST /api/newsletter/subscribe": Op(PUBLIC, every(422)),
    "POST /api/newsletter/confirm": Op(PUBLIC, every(422)),
    "POST /api/newsletter/unsubscribe": Op(PUBLIC, every(422)),
    "GET /api/newsletter/stats": Op(STAFF, (401, 403, 403, 403, 403, 200)),
    "POST /api/enquiries": Op(PUBLIC, every(422)),
    "GET /api/enquiries/inbox": Op(CLINIC, (401, 403, 403, 200, 200, 200)),
    "GET /api/enquiries/inbox/{enquiry_id}": Op(CLINIC, (401, 403, 403, 404, 404, 404)),
    "PATCH /api/enquiries/inbox/{enquiry_id}": Op(CLINIC, (401, *every(422)[1:])),
    "POST /api/enquiries/inbox/{enquiry_id}/replies": Op(CLINIC, (401, *every(422)[1:])),
}  # fmt: skip
