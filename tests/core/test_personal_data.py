"""A person downloads their own data, and only theirs (right of access and portability)."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    import io

    from stridewell.accounts.models import User

    with django_capture_on_commit_callbacks(execute=False):
        call_command("demo", stdout=io.StringIO())
    return {user.email: user for user in User.objects.all()}


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/my-data/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_runner_downloads_their_training_and_plan_and_nothing_secret(client, demo):
    from stridewell.training.models.runner import Session

    runner = demo["runner@stridewell.test"]
    client.force_login(runner)

    response = client.get("/accounts/my-data/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="stridewell-my-data.json"'
    document = json.loads(response.content)
    assert document["account"]["email"] == "runner@stridewell.test"
    sessions = document["training"]["sessions"]
    assert len(sessions) == Session.objects.filter(runner=runner).count() > 0
    assert {row["runner_id"] for row in sessions} == {runner.pk}
    assert document["training"]["decisions"]
    assert document["planner"]["plans"]
    body = response.content.decode()
    assert runner.password not in body
    assert "token_hash" not in body


def test_another_runner_gets_only_their_own_empty_history(client, demo):
    other = demo["runner2@stridewell.test"]
    client.force_login(other)

    document = json.loads(client.get("/accounts/my-data/").content)

    assert document["account"]["email"] == "runner2@stridewell.test"
    assert document["training"]["sessions"] == []
    assert document["planner"]["plans"] == []
    assert "runner@stridewell.test" not in json.dumps(document)
