from django.http import HttpRequest


def clinic(request: HttpRequest) -> dict:
    return {}
