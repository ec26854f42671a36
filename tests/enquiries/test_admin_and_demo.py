"""Admin has no bulk actions; the demo has three enquiries in different states, once."""

from __future__ import annotations

import pytest
from django.contrib import admin

from stridewell.enquiries.demo import seed_enquiries_demo
from stridewell.enquiries.models import Enquiry, EnquiryReply

pytestmark = pytest.mark.django_db


def test_the_enquiry_admin_has_no_bulk_actions(rf, staff):
    request = rf.get("/")
    request.user = staff

    assert admin.site._registry[Enquiry].get_actions(request) == {}


def test_the_demo_has_one_enquiry_in_each_state_and_is_idempotent(physio):
    seed_enquiries_demo(answerer=physio)
    first = sorted(Enquiry.objects.values_list("email", "status"))

    seed_enquiries_demo(answerer=physio)

    assert sorted(Enquiry.objects.values_list("email", "status")) == first
    assert sorted(status for _, status in first) == ["answered", "closed", "new"]
    assert EnquiryReply.objects.count() == 2
    assert EnquiryReply.objects.get(suggests_screening=True).booking_url.endswith("/booking/")
