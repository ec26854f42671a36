import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_plain_http_when_everything_else_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/").status_code == 301
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


@pytest.mark.django_db
def test_healthz_only_accepts_configured_host_names(client, settings):
    # Documented in docs/operations.md: a load balancer must probe with an allowed Host.
    settings.ALLOWED_HOSTS = ["clinic.example"]

    assert client.get("/healthz", HTTP_HOST="clinic.example").status_code == 200
    assert client.get("/healthz", HTTP_HOST="10.0.0.5").status_code == 400


def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405
