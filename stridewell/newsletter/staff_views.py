"""Staff pages: the list's numbers, composing and sending issues, one-person look-up.

There is no page, download or endpoint that lists subscribers' addresses. Staff see counts
and weekly growth; to deal with one person (an access or erasure request) they type that
person's exact address, which travels in a POST body, never in a URL.
"""

from __future__ import annotations

import json
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stridewell.newsletter.charts import growth_chart
from stridewell.newsletter.forms import (
    IssueForm,
    LookupForm,
    SendConfirmForm,
    StaffEraseForm,
)
from stridewell.newsletter.issues import (
    issue_create,
    issue_send_start,
    issue_send_test,
    issue_update,
)
from stridewell.newsletter.models import Issue, Subscriber, SubscriberStatus
from stridewell.newsletter.permissions import staff_required
from stridewell.newsletter.privacy import email_normalise
from stridewell.newsletter.rendering import markdown_render
from stridewell.newsletter.selectors import (
    issue_list,
    send_progress,
    subscriber_counts,
    subscriber_export,
    subscriber_growth,
    subscriber_lookup,
    subscriber_welcome_code,
)
from stridewell.newsletter.sending import send_resume
from stridewell.newsletter.services import subscriber_erase

logger = logging.getLogger(__name__)
GROWTH_WEEKS = 12


def _posted(request: HttpRequest) -> QueryDict | None:
    # An empty POST is still a submission: it must show "required" errors, not a fresh form.
    return request.POST if request.method == "POST" else None


@never_cache
@require_GET
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    points = subscriber_growth(weeks=GROWTH_WEEKS)
    context = {
        "counts": subscriber_counts(),
        "points": points,
        "chart": growth_chart(points),
        "issues": issue_list()[:20],
        "lookup_form": LookupForm(),
    }
    return render(request, "newsletter/staff/dashboard.html", context)


def _issue_form_values(form: IssueForm) -> dict[str, str]:
    return {
        "subject": form.cleaned_data["subject"],
        "preheader": form.cleaned_data["preheader"],
        "body_markdown": form.cleaned_data["body_markdown"],
    }


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def issue_new(request: HttpRequest) -> HttpResponse:
    form = IssueForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_create(**_issue_form_values(form), by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Draft saved. Check the preview, then send yourself a test.")
            return redirect("newsletter:staff_issue", pk=issue.pk)
    return render(request, "newsletter/staff/issue_form.html", {"form": form, "issue": None})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    if not issue.is_draft:
        messages.warning(request, "This issue has been sent, so it can no longer be edited.")
        return redirect("newsletter:staff_issue", pk=pk)
    initial = {
        "subject": issue.subject,
        "preheader": issue.preheader,
        "body_markdown": issue.body_markdown,
    }
    form = IssueForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            issue_update(issue_id=pk, **_issue_form_values(form), by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Changes saved.")
            return redirect("newsletter:staff_issue", pk=pk)
    context = {"form": form, "issue": issue, "body_html": markdown_render(issue.body_markdown)}
    return render(request, "newsletter/staff/issue_form.html", context)


@require_POST
@staff_required
def issue_preview(request: HttpRequest) -> HttpResponse:
    """htmx: the sanitised rendering of the Markdown being typed."""
    html = markdown_render(request.POST.get("body_markdown", ""))
    return render(request, "newsletter/staff/_preview.html", {"body_html": html})


@never_cache
@require_GET
@staff_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue.objects.select_related("created_by"), pk=pk)
    send = getattr(issue, "send", None)
    context = {
        "issue": issue,
        "body_html": markdown_render(issue.body_markdown),
        "send": send,
        "progress": send_progress(send=send) if send else None,
        "recipient_count": subscriber_counts().confirmed,
    }
    return render(request, "newsletter/staff/issue_detail.html", context)


@never_cache
@require_GET
@staff_required
def issue_progress(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    send = getattr(issue, "send", None)
    if send is None:
        return HttpResponse(status=204)
    return render(
        request,
        "newsletter/staff/_progress.html",
        {"issue": issue, "send": send, "progress": send_progress(send=send)},
    )


@require_POST
@staff_required
def issue_test(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    address = issue_send_test(issue=issue, by=request.user)  # type: ignore[arg-type]
    messages.success(request, f"A test copy is on its way to {address}.")
    return redirect("newsletter:staff_issue", pk=pk)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def issue_send(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue, pk=pk)
    if not issue.is_draft:
        messages.warning(request, "This issue has already been sent.")
        return redirect("newsletter:staff_issue", pk=pk)
    form = SendConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            issue_send_start(issue_id=pk, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.warning(request, " ".join(exc.messages))
        else:
            messages.success(request, "Sending has started. This page shows the progress.")
        return redirect("newsletter:staff_issue", pk=pk)
    context = {"issue": issue, "form": form, "recipient_count": subscriber_counts().confirmed}
    return render(request, "newsletter/staff/issue_send.html", context)


@require_POST
@staff_required
def issue_resume(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(Issue.objects.select_related("send"), pk=pk)
    send = getattr(issue, "send", None)
    if send is not None and send.finished_at is None:
        waiting = send_resume(send_id=send.pk)
        messages.success(request, f"Sending resumed: {waiting} message(s) queued again.")
    return redirect("newsletter:staff_issue", pk=pk)


def _lookup_context(subscriber: Subscriber | None, email: str) -> dict[str, object]:
    return {
        "searched": True,
        "email": email_normalise(email),
        "subscriber": subscriber,
        "code": subscriber_welcome_code(subscriber=subscriber) if subscriber else None,
        "consents": list(subscriber.consents.all()) if subscriber else [],
        "SubscriberStatus": SubscriberStatus,
    }


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def lookup(request: HttpRequest) -> HttpResponse:
    """Find one subscriber by their exact address (POSTed, so it stays out of URLs and logs)."""
    form = LookupForm(_posted(request))
    context: dict[str, object] = {"form": form, "searched": False}
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        context |= _lookup_context(subscriber_lookup(email=email), email)
        context["erase_form"] = StaffEraseForm(initial={"email": email})
        logger.info("newsletter: staff user %s looked up one subscriber", request.user.pk)
    return render(request, "newsletter/staff/lookup.html", context)


@require_POST
@staff_required
def lookup_export(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, "newsletter/staff/lookup.html", {"form": form, "searched": False})
    data = subscriber_export(email=form.cleaned_data["email"])
    logger.info("newsletter: staff user %s exported one subscriber's data", request.user.pk)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="newsletter-data-export.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_required
def lookup_erase(request: HttpRequest) -> HttpResponse:
    form = StaffEraseForm(request.POST)
    if not form.is_valid():
        email = request.POST.get("email", "")
        context: dict[str, object] = {
            "form": LookupForm(initial={"email": email}),
            "erase_form": form,
        }
        context |= _lookup_context(subscriber_lookup(email=email), email)
        return render(request, "newsletter/staff/lookup.html", context)
    erased = subscriber_erase(email=form.cleaned_data["email"])
    logger.info("newsletter: staff user %s handled an erasure request", request.user.pk)
    if erased:
        messages.success(request, "Erased. The address and its consent record are gone.")
    else:
        messages.info(request, "That address is not on the list, so there was nothing to erase.")
    return redirect("newsletter:staff_lookup")
