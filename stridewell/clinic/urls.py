from django.urls import path

from stridewell.clinic import views

app_name = "clinic"
urlpatterns = [
    path("", views.visit, name="visit"),
]
