from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "stridewell.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        from stridewell.core.audit import register_writer
        from stridewell.training.access import access_log_write

        register_writer(access_log_write)
