"""Real delivery: a local SMTP server (aiosmtpd) and the database task backend with its worker."""

from __future__ import annotations

import logging
import signal

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from stridewell.core.email import email_send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("email_templates")]

TASK_PATH = "stridewell.core.tasks.email_deliver"


def _send_welcome(to: list[str] | None = None) -> None:
    email_send(
        to=to or ["ada@runners.test"],
        subject="Welcome to Stridewell",
        template="tests_email/welcome",
        context={"name": "Ada", "day": "Tuesday 3 March"},
    )


class BookingError(Exception):
    pass


def _send_then_roll_back() -> None:
    with transaction.atomic():
        _send_welcome()
        raise BookingError


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """Run `db_worker --batch` in-process, then put back what it changes process-wide."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved_handlers = {sig: signal.getsignal(sig) for sig in signals}
    loggers = [logging.getLogger(name) for name in ("django.tasks", "django_tasks_db")]
    saved_levels = {lg: lg.level for lg in loggers}

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    yield run
    for sig, handler in saved_handlers.items():
        signal.signal(sig, handler)
    for lg, level in saved_levels.items():
        lg.setLevel(level)


def test_smtp_server_receives_one_message_with_text_and_html_after_commit(smtp_sink):
    with transaction.atomic():
        _send_welcome()
        assert smtp_sink.envelopes == []

    [envelope] = smtp_sink.envelopes
    assert envelope.rcpt_tos == ["ada@runners.test"]
    assert envelope.mail_from == "clinic@stridewell.test"
    [message] = smtp_sink.messages()
    assert message["To"] == "ada@runners.test"
    assert message["Subject"] == "Welcome to Stridewell"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("Hello Ada,\n\nYour first session is on Tuesday 3 March.")
    assert "<h1>Hello Ada</h1>" in html


def test_smtp_server_receives_nothing_when_the_transaction_rolls_back(smtp_sink):
    with pytest.raises(BookingError):
        _send_then_roll_back()

    assert smtp_sink.envelopes == []


def test_database_backend_queues_a_row_and_sends_only_when_the_worker_runs(
    smtp_sink, database_tasks, run_worker
):
    with transaction.atomic():
        _send_welcome()
        assert DBTaskResult.objects.count() == 0

    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == TASK_PATH
    assert queued.status == "READY"
    assert queued.args_kwargs["kwargs"]["to"] == ["ada@runners.test"]
    assert smtp_sink.envelopes == []

    run_worker()

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value == 1
    [message] = smtp_sink.messages()
    assert message["To"] == "ada@runners.test"
    assert message["Subject"] == "Welcome to Stridewell"


def test_database_backend_queues_nothing_when_the_transaction_rolls_back(
    smtp_sink, database_tasks, run_worker
):
    with pytest.raises(BookingError):
        _send_then_roll_back()

    run_worker()

    assert DBTaskResult.objects.count() == 0
    assert smtp_sink.envelopes == []


def test_an_unreachable_mail_server_marks_the_task_failed_with_its_reason(
    settings, smtp_sink, database_tasks, run_worker, caplog
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            # The sink's port, on an address nothing listens on: connection refused.
            "OPTIONS": {"host": "127.0.0.2", "port": smtp_sink.port, "timeout": 2},
        }
    }
    _send_welcome()

    with caplog.at_level(logging.ERROR, logger="stridewell.core.tasks"):
        run_worker()

    [failed] = DBTaskResult.objects.all()
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    assert "e-mail 'tests_email/welcome' could not be delivered" in caplog.messages
    assert smtp_sink.envelopes == []
