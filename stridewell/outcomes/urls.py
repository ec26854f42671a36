from django.urls import path

from stridewell.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("me/", views.mine, name="mine"),
    path("me/<slug:key>/", views.answer, name="answer"),
    path("runners/<int:runner_id>/", views.runner_scores, name="runner_scores"),
]
