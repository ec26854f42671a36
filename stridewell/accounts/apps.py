from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stridewell.accounts"
    label = "accounts"
