"""Runner and physio pages, included by `stridewell.training.urls` (namespace "training")."""

from django.urls import path

from stridewell.training import views_runner as views

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("me/log/", views.session_new, name="session_log"),
    path("me/check-in/", views.check_in, name="check_in"),
    path("me/check-ins/<int:check_in_id>/", views.check_in_view, name="check_in_detail"),
    path("me/timeline/", views.timeline, name="timeline"),
    path("me/who-looked/", views.access_log_mine, name="access_log"),
    path("me/screening/", views.self_screen, name="self_screen"),
    path("me/programme/print/", views.programme_print, name="programme_print"),
    path("sessions/<int:session_id>/", views.session_view, name="session_detail"),
    path("screenings/<int:screening_id>/", views.screening_view, name="screening_detail"),
    path("physio/", views.physio_dashboard, name="physio_dashboard"),
    path("physio/runners/<int:runner_id>/", views.physio_runner, name="physio_runner"),
    path(
        "physio/runners/<int:runner_id>/screening/new/",
        views.screening_new,
        name="screening_new",
    ),
    path(
        "physio/runners/<int:runner_id>/programme/",
        views.programme_assign,
        name="programme_assign",
    ),
    path("physio/runners/<int:runner_id>/hand-over/", views.hand_over, name="hand_over"),
    path("physio/runners/<int:runner_id>/timeline/", views.timeline_for, name="timeline_for"),
    path(
        "physio/runners/<int:runner_id>/access-log.csv",
        views.access_log_export,
        name="access_log_export",
    ),
    path(
        "physio/runners/<int:runner_id>/print/",
        views.programme_print_for,
        name="programme_print_for",
    ),
    path("physio/entries/<int:entry_id>/override/", views.override_set_view, name="override_set"),
    path(
        "physio/entries/<int:entry_id>/override/clear/",
        views.override_clear_view,
        name="override_clear",
    ),
    path("physio/entries/<int:entry_id>/resume/", views.entry_resume_view, name="entry_resume"),
    path(
        "physio/alerts/<int:alert_id>/acknowledge/",
        views.alert_acknowledge_view,
        name="alert_acknowledge",
    ),
]
