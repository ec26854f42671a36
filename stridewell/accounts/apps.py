from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stridewell.accounts"
    label = "accounts"

    def ready(self) -> None:
        from stridewell.accounts import checks  # noqa: F401 - registers the system checks
