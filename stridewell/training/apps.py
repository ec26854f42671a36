from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "stridewell.training"
    label = "training"
    verbose_name = "Training"
