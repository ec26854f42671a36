"""Posting comments (htmx, with a plain-form fallback) and unsubscribing from reply e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stridewell.core.ratelimit import client_ip
from stridewell.journal.forms import CommentForm
from stridewell.journal.identity import unsubscribe_token_read
from stridewell.journal.models import Article
from stridewell.journal.selectors.articles import article_get_published
from stridewell.journal.selectors.comments import (
    comment_get_for_unsubscribe,
    comment_get_replyable,
)
from stridewell.journal.services import (
    ArticleUnavailableError,
    CommentPosted,
    CommentThrottledError,
    comment_post,
    commenter_unsubscribe,
)
from stridewell.journal.threads import MAX_DEPTH, ThreadNode
from stridewell.journal.views.context import article_context

PUBLISHED_MESSAGE = "Thank you: your comment is published."
WAITING_MESSAGE = (
    "Thank you. Your comment will appear once the clinic has read it, usually within a working day."
)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def add_service_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _parent_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("parent", "")
    return int(raw) if raw.isdigit() else None


def _article_or_404(slug: str) -> Article:
    article = article_get_published(slug=slug)
    if article is None:
        raise Http404("No such article.")
    return article


@require_POST
def comment_create(request: HttpRequest, slug: str) -> HttpResponse:
    article = _article_or_404(slug)
    parent_id = _parent_id(request)
    form = CommentForm(request.POST, reply_to=parent_id)
    status, retry_after = 200, 0
    if form.is_valid():
        data = form.cleaned_data
        try:
            posted = comment_post(
                article=article,
                name=data["name"],
                email=data["email"],
                body=data["body"],
                website=data["website"],
                parent_id=data["parent"],
                notify_on_reply=data["notify_on_reply"],
                client_ip=client_ip(request),
                honeypot=data["homepage"],
            )
        except ArticleUnavailableError:
            raise Http404("No such article.") from None
        except ValidationError as exc:
            add_service_errors(form, exc)
        except CommentThrottledError as exc:
            form.add_error(None, exc.message)
            status, retry_after = 429, exc.retry_after
        else:
            return _posted(request, article, posted)
    reply_to = comment_get_replyable(article=article, comment_id=parent_id) if parent_id else None
    if is_htmx(request):
        # htmx only swaps 2xx answers in; the form with its errors must replace the old one.
        context = {"article": article, "form": form, "reply_to": reply_to, "is_fragment": True}
        return render(request, "journal/_comment_form.html", context)
    context = article_context(request, article=article, form=form, reply_to=reply_to)
    response = render(request, "journal/article_detail.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(retry_after)
    return response


def _posted(request: HttpRequest, article: Article, posted: CommentPosted) -> HttpResponse:
    message = PUBLISHED_MESSAGE if posted.is_published else WAITING_MESSAGE
    if is_htmx(request):
        return render(
            request,
            "journal/_comment_posted.html",
            {
                "article": article,
                "posted": posted,
                "message": message,
                "node": ThreadNode(posted.comment) if posted.is_published else None,
                "max_depth": MAX_DEPTH,
            },
        )
    messages.success(request, message)
    anchor = posted.comment.anchor if posted.is_published and posted.comment else "comments"
    return redirect(f"{article.get_absolute_url()}#{anchor}")


@require_GET
def comment_form(request: HttpRequest, slug: str) -> HttpResponse:
    """The reply form under a comment (fetched by htmx); `?cancel=1` removes it again."""
    article = _article_or_404(slug)
    if request.GET.get("cancel"):
        return HttpResponse("")
    reply_to = comment_get_replyable(article=article, comment_id=request.GET.get("reply"))
    if reply_to is None:
        raise Http404("That comment cannot take replies.")
    form = CommentForm(reply_to=reply_to.pk)
    context = {"article": article, "form": form, "reply_to": reply_to, "is_fragment": True}
    return render(request, "journal/_comment_form.html", context)


# The signed token is the credential, and mail clients' one-click unsubscribe (RFC 8058)
# POSTs without any CSRF token; stopping e-mails is the only thing this view can do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    comment_id = unsubscribe_token_read(token)
    comment = comment_get_for_unsubscribe(pk=comment_id) if comment_id else None
    if comment is None:
        return render(request, "journal/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        commenter_unsubscribe(comment=comment)
        return render(request, "journal/unsubscribe.html", {"done": True, "comment": comment})
    return render(request, "journal/unsubscribe.html", {"comment": comment, "token": token})
