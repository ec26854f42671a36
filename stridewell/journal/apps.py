from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "stridewell.journal"
    label = "journal"
