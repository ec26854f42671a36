"""Background work for the newsletter (django.tasks; `db_worker` runs it in production)."""

from __future__ import annotations

from django.tasks import task

from stridewell.newsletter.sending import send_batch_process


@task
def newsletter_send_batch(*, send_id: int) -> dict[str, int | bool]:
    """Send one batch of an issue, then queue the next batch while any are left.

    If the mail server fails the task fails too (the reason is kept in the task result) and
    the send waits for staff to press Resume, or for `manage.py newsletter_send_resume`.
    """
    outcome = send_batch_process(send_id=send_id)
    # Only a batch that claimed something queues the next: if the rest is claimed by another
    # worker, that worker's own chain carries on.
    if outcome.remaining and outcome.claimed:
        newsletter_send_batch.enqueue(send_id=send_id)
    return outcome.as_dict()
