from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stridewell.core"
    label = "core"
