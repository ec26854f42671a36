from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "stridewell.clinic"
    label = "clinic"
