"""Enquiry pages: the public question form and the clinic's inbox."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stridewell.core.ratelimit import client_ip, rate_limit_hit, too_many_requests
from stridewell.enquiries.forms import EnquiryForm, ReplyForm, StatusForm
from stridewell.enquiries.models import Enquiry, EnquiryStatus
from stridewell.enquiries.permissions import answerer_required
from stridewell.enquiries.selectors import enquiry_counts, enquiry_get, enquiry_list
from stridewell.enquiries.services import enquiry_reply, enquiry_status_change, enquiry_submit

logger = logging.getLogger(__name__)

SUBMIT_LIMIT = 5
SUBMIT_WINDOW_SECONDS = 60 * 60


@never_cache
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "enquiries/new.html", {"form": EnquiryForm()})
    decision = rate_limit_hit(
        key=f"enquiries-submit:{client_ip(request)}",
        limit=SUBMIT_LIMIT,
        window_seconds=SUBMIT_WINDOW_SECONDS,
    )
    if not decision.allowed:
        return too_many_requests(request, decision)
    form = EnquiryForm(request.POST)
    if form.is_bot:
        logger.info("enquiries: honeypot filled in; nothing stored")
        return redirect("enquiries:thanks")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            enquiry_submit(**data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("enquiries:thanks")
    return render(request, "enquiries/new.html", {"form": form})


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "enquiries/thanks.html")


@never_cache
@require_GET
@answerer_required
def inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", EnquiryStatus.NEW)
    if status not in [*EnquiryStatus.values, "all"]:
        status = EnquiryStatus.NEW
    context = {
        "enquiries": enquiry_list(status=None if status == "all" else status)[:100],
        "counts": enquiry_counts(),
        "status": status,
        "tabs": [*EnquiryStatus.choices, ("all", "All")],
    }
    return render(request, "enquiries/staff/inbox.html", context)


def _get_or_404(pk: int) -> Enquiry:
    try:
        return enquiry_get(pk=pk)
    except Enquiry.DoesNotExist:
        raise Http404("No such enquiry.") from None


def _detail(
    request: HttpRequest, enquiry: Enquiry, reply_form: ReplyForm | None = None
) -> HttpResponse:
    context = {
        "enquiry": enquiry,
        "reply_form": reply_form or ReplyForm(),
        "statuses": EnquiryStatus.choices,
    }
    return render(request, "enquiries/staff/detail.html", context)


@never_cache
@require_GET
@answerer_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get_or_404(pk))


@require_POST
@answerer_required
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = _get_or_404(pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            enquiry_reply(
                enquiry_id=pk,
                by=request.user,  # type: ignore[arg-type]
                body=form.cleaned_data["body"],
                suggest_screening=form.cleaned_data["suggest_screening"],
                send_email=form.cleaned_data["channel"] == "email",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            done = "Reply sent to" if form.cleaned_data["channel"] == "email" else "Note saved for"
            messages.success(request, f"{done} {enquiry.name}. The enquiry is marked answered.")
            return redirect("enquiries:staff_detail", pk=pk)
    return _detail(request, enquiry, form)


@require_POST
@answerer_required
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    _get_or_404(pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        enquiry = enquiry_status_change(
            enquiry_id=pk,
            by=request.user,  # type: ignore[arg-type]
            status=form.cleaned_data["status"],
        )
        messages.success(request, f"Marked {enquiry.get_status_display().lower()}.")
    return redirect("enquiries:staff_detail", pk=pk)
