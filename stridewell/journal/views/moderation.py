"""The comment moderation queue, on the site, for clinic staff."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stridewell.accounts.models import User
from stridewell.journal.forms import ClinicReplyForm
from stridewell.journal.models import Comment
from stridewell.journal.moderation import HOLD_REASON_LABELS
from stridewell.journal.selectors.comments import (
    QUEUE_STATUSES,
    comment_get_for_moderation,
    comment_queue,
    comment_status_counts,
)
from stridewell.journal.services import (
    comment_approve,
    comment_delete,
    comment_mark_spam,
    comment_reply_as_clinic,
)
from stridewell.journal.views.comments import add_service_errors, is_htmx

QUEUE_PAGE_SIZE = 25
_ACTIONS: dict[str, tuple[Callable[..., Any], str]] = {
    "approve": (comment_approve, "Approved: the comment is now on the article."),
    "spam": (comment_mark_spam, "Marked as spam: hidden, and this address will always wait."),
    "delete": (comment_delete, "Deleted, with the commenter's details."),
}


def clinic_staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_clinic_staff:
            raise PermissionDenied("Only clinic staff can moderate comments.")
        return view(request, *args, **kwargs)

    return wrapper


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("journal:moderation")
    return redirect(target)


def _reply_form(comment: Comment, data: Any = None) -> ClinicReplyForm:
    return ClinicReplyForm(
        data, comment_id=comment.pk, is_pending=comment.status == Comment.Status.PENDING
    )


def _item(
    request: HttpRequest, comment: Comment | None, *, notice: str = "", **extra: Any
) -> HttpResponse:
    reply_form = extra.pop("reply_form", None)
    if reply_form is None and comment is not None:
        reply_form = _reply_form(comment)
    context = {
        "comment": comment,
        "notice": notice,
        "hold_labels": HOLD_REASON_LABELS,
        "reply_form": reply_form,
        "next_url": reverse("journal:moderation"),
        **extra,
    }
    return render(request, "journal/moderation/_item.html", context)


@never_cache
@clinic_staff_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in QUEUE_STATUSES:
        raise Http404("No such list.")
    page = Paginator(comment_queue(status=status), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = comment_status_counts()
    tabs = [(s, Comment.Status(s).label, counts.get(s, 0)) for s in QUEUE_STATUSES]
    return render(
        request,
        "journal/moderation/queue.html",
        {
            "page": page,
            "items": [(comment, _reply_form(comment)) for comment in page.object_list],
            "status": status,
            "tabs": tabs,
            "hold_labels": HOLD_REASON_LABELS,
        },
    )


@never_cache
@clinic_staff_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in _ACTIONS:
        raise Http404("No such action.")
    comment = comment_get_for_moderation(pk=pk)
    if comment is None:
        raise Http404("No such comment.")
    service, done = _ACTIONS[action]
    try:
        service(comment=comment, by=cast(User, request.user))
    except ValidationError as exc:
        if is_htmx(request):
            return _item(request, comment, notice=" ".join(exc.messages), is_error=True)
        messages.error(request, " ".join(exc.messages))
        return _back(request)
    if is_htmx(request):
        fresh = comment_get_for_moderation(pk=pk)
        return _item(request, fresh, notice=done, action=action, comment_id=pk)
    messages.success(request, done)
    return _back(request)


@never_cache
@clinic_staff_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    comment = comment_get_for_moderation(pk=pk)
    if comment is None:
        raise Http404("No such comment.")
    form = _reply_form(comment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment_reply_as_clinic(
                parent=comment, body=form.cleaned_data["body"], by=cast(User, request.user)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            done = "Your reply is published under the comment."
            if is_htmx(request):
                fresh = comment_get_for_moderation(pk=pk)
                return _item(request, fresh, notice=done, action="reply", comment_id=pk)
            messages.success(request, done)
            return _back(request)
    if is_htmx(request):
        return _item(request, comment, reply_form=form, open_reply=True)
    return render(
        request,
        "journal/moderation/reply.html",
        {"comment": comment, "form": form, "hold_labels": HOLD_REASON_LABELS},
    )
