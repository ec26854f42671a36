"""An SMTP mailer that misbehaves on cue, to test crashes and outages mid-send.

It talks to the real SMTP sink; `PLAN` says after how many delivered messages it fails, and how:

* "crash_after_delivery": the message reaches the server, then the worker dies
  (a BaseException, like the process being killed before it could record anything);
* "try_later": the server refuses the message with 451 (not delivered);
* "connection_lost": the connection drops mid-message (it may or may not have arrived).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.core.mail.backends.smtp import EmailBackend

BACKEND = "tests.newsletter.crashing_mailer.MisbehavingBackend"


class WorkerCrashError(BaseException):
    """The worker process died (not an Exception: nothing in the app may catch it)."""


@dataclass
class Plan:
    fail_after: int | None = None
    mode: str = "crash_after_delivery"
    delivered: int = 0

    def reset(self, *, fail_after: int | None, mode: str) -> None:
        self.fail_after, self.mode, self.delivered = fail_after, mode, 0


PLAN = Plan()


class MisbehavingBackend(EmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        sent = 0
        for message in email_messages:
            due = PLAN.fail_after is not None and PLAN.delivered >= PLAN.fail_after
            if due and PLAN.mode == "try_later":
                PLAN.fail_after = None
                raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")
            if due and PLAN.mode == "connection_lost":
                PLAN.fail_after = None
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            sent += super().send_messages([message])
            PLAN.delivered += 1
            if due and PLAN.mode == "crash_after_delivery":
                PLAN.fail_after = None
                raise WorkerCrashError("worker killed after handing over a message")
        return sent
