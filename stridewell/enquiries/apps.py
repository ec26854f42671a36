from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "stridewell.enquiries"
    label = "enquiries"
