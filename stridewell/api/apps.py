from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "stridewell.api"
    label = "api"
