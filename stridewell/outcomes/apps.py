from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "stridewell.outcomes"
    label = "outcomes"
    verbose_name = "Outcome measures"
