"""Reads for the enquiries inbox."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from stridewell.enquiries.models import Enquiry, EnquiryStatus


def enquiry_list(*, status: str | None = None) -> QuerySet[Enquiry]:
    """Newest first, optionally one status; with reply counts, in two queries at most."""
    rows = Enquiry.objects.annotate(reply_count=Count("replies")).order_by("-created_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    return rows


def enquiry_counts() -> dict[str, int]:
    counts = dict(Enquiry.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return {value: counts.get(value, 0) for value in EnquiryStatus.values}


def enquiry_get(*, pk: int) -> Enquiry:
    return Enquiry.objects.prefetch_related("replies__author").get(pk=pk)
