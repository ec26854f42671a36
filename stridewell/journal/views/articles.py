"""Reader pages: the article list, tag pages, search and the article itself."""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stridewell.journal.selectors.articles import (
    PAGE_SIZE,
    article_get_for_reader,
    article_page,
    tag_get,
    tag_list_in_use,
)
from stridewell.journal.selectors.comments import comment_get_replyable
from stridewell.journal.selectors.search import QUERY_MAX, article_search, search_backend
from stridewell.journal.views.context import article_context
from stridewell.journal.views.seo import absolute_url


@require_GET
def article_index(request: HttpRequest) -> HttpResponse:
    page = article_page(number=request.GET.get("page"))
    if page is None:
        raise Http404("No such page of articles.")
    return render(
        request,
        "journal/article_list.html",
        {
            "page": page,
            "tags": tag_list_in_use(),
            "canonical_url": absolute_url(request.path)
            + (f"?page={page.number}" if page.number > 1 else ""),
        },
    )


@require_GET
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = tag_get(slug=slug)
    page = article_page(number=request.GET.get("page"), tag=tag) if tag else None
    if tag is None or page is None or not page.paginator.count:
        raise Http404("No articles with this tag.")
    return render(
        request,
        "journal/article_list.html",
        {
            "page": page,
            "tag": tag,
            "tags": tag_list_in_use(),
            "canonical_url": absolute_url(request.path)
            + (f"?page={page.number}" if page.number > 1 else ""),
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:QUERY_MAX]
    page = None
    if query:
        page = Paginator(article_search(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "journal/search.html",
        {
            "query": query,
            "page": page,
            "backend": search_backend(),
            "extra_query": f"q={quote(query)}&",
        },
    )


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = article_get_for_reader(slug=slug, user=request.user)
    if article is None:
        raise Http404("No such article.")
    reply_to = None
    if "reply" in request.GET and article.is_visible():
        reply_to = comment_get_replyable(article=article, comment_id=request.GET["reply"])
    context = article_context(request, article=article, reply_to=reply_to)
    return render(request, "journal/article_detail.html", context)
