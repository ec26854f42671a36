from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "stridewell.newsletter"
    label = "newsletter"
