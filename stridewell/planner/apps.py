from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "stridewell.planner"
    label = "planner"
    verbose_name = "Marathon planner"
