from django.urls import URLPattern, URLResolver, path

from stridewell.newsletter import staff_views, views

app_name = "newsletter"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-inbox/", views.pending, name="pending"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("preferences/<str:token>/data/", views.preferences_export, name="preferences_export"),
    path("preferences/<str:token>/erase/", views.preferences_erase, name="preferences_erase"),
    path("deleted/", views.erased, name="erased"),
    # Staff pages (clinic staff only).
    path("staff/", staff_views.dashboard, name="staff"),
    path("staff/issues/new/", staff_views.issue_new, name="staff_issue_new"),
    path("staff/issues/preview/", staff_views.issue_preview, name="staff_issue_preview"),
    path("staff/issues/<int:pk>/", staff_views.issue_detail, name="staff_issue"),
    path("staff/issues/<int:pk>/edit/", staff_views.issue_edit, name="staff_issue_edit"),
    path("staff/issues/<int:pk>/test/", staff_views.issue_test, name="staff_issue_test"),
    path("staff/issues/<int:pk>/send/", staff_views.issue_send, name="staff_issue_send"),
    path(
        "staff/issues/<int:pk>/progress/", staff_views.issue_progress, name="staff_issue_progress"
    ),
    path("staff/issues/<int:pk>/resume/", staff_views.issue_resume, name="staff_issue_resume"),
    path("staff/people/", staff_views.lookup, name="staff_lookup"),
    path("staff/people/export/", staff_views.lookup_export, name="staff_lookup_export"),
    path("staff/people/erase/", staff_views.lookup_erase, name="staff_lookup_erase"),
]
