from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "stridewell.booking"
    label = "booking"
