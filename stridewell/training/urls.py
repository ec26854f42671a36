from django.urls import URLPattern, URLResolver, path

from stridewell.training import urls_runner, views_library

app_name = "training"

library_urlpatterns: list[URLPattern | URLResolver] = [
    path("exercises/", views_library.exercise_list_view, name="exercise_list"),
    path("exercises/<slug:slug>/", views_library.exercise_detail_view, name="exercise_detail"),
    path("ladders/", views_library.ladder_list_view, name="ladder_list"),
    path("ladders/<slug:key>/", views_library.ladder_detail_view, name="ladder_detail"),
]

urlpatterns: list[URLPattern | URLResolver] = [*library_urlpatterns, *urls_runner.urlpatterns]
