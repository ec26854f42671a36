"""Training pages for runners and their physios. Thin: forms validate, services write,
selectors read, `stridewell.training.access` decides who may see what (404 for anyone else)."""

from stridewell.training.views_runner.access_log import access_log_export, access_log_mine
from stridewell.training.views_runner.handover import hand_over
from stridewell.training.views_runner.physio import (
    alert_acknowledge_view,
    entry_resume_view,
    override_clear_view,
    override_set_view,
    physio_dashboard,
    physio_runner,
    programme_assign,
    programme_print_for,
    screening_new,
    timeline_for,
)
from stridewell.training.views_runner.runner import (
    check_in,
    check_in_view,
    dashboard,
    programme_print,
    screening_view,
    self_screen,
    session_new,
    session_view,
    timeline,
)

__all__ = [
    "access_log_export",
    "access_log_mine",
    "alert_acknowledge_view",
    "check_in",
    "check_in_view",
    "dashboard",
    "entry_resume_view",
    "hand_over",
    "override_clear_view",
    "override_set_view",
    "physio_dashboard",
    "physio_runner",
    "programme_assign",
    "programme_print",
    "programme_print_for",
    "screening_new",
    "screening_view",
    "self_screen",
    "session_new",
    "session_view",
    "timeline",
    "timeline_for",
]
