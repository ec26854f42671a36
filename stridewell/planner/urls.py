from django.urls import URLPattern, URLResolver, path

from stridewell.planner import views, views_calendar, views_files

app_name = "planner"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview_view, name="overview"),
    path("new/", views.plan_create_view, name="create"),
    path("edit/", views.plan_edit_view, name="edit"),
    path("this-week/", views.this_week_view, name="this_week"),
    path("week/<int:number>/", views.week_view, name="week"),
    path("runs/<int:pk>/log/", views.run_log_view, name="run_log"),
    path("runs/<int:pk>/move/", views.run_move_view, name="run_move"),
    path("strength/<int:pk>/log/", views.strength_log_view, name="strength_log"),
    path("strength/<int:pk>/move/", views.strength_move_view, name="strength_move"),
    path("import/", views_files.import_view, name="import"),
    path("calendar/", views_calendar.calendar_view, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views_calendar.month_view, name="month"),
    path("calendar/feed/", views_calendar.feed_rotate_view, name="feed_rotate"),
    path("calendar/feed/revoke/", views_calendar.feed_revoke_view, name="feed_revoke"),
    path("calendar.ics", views_calendar.download_view, name="download"),
    path("feed/<str:token>.ics", views_calendar.feed_view, name="feed"),
]
