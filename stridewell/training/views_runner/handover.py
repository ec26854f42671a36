"""Clinic staff hand a runner over to another physio (ADR 0014); anyone else gets a 404."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from stridewell.accounts.models import User
from stridewell.training.access import is_staff, runner_get_for_viewer, runner_physio
from stridewell.training.selectors_handover import hand_overs_for
from stridewell.training.services_handover import REASON_MAX, physios_available, runner_hand_over
from stridewell.training.views_runner.common import clinician_page


class HandOverForm(forms.Form):
    to_physio = forms.ModelChoiceField(
        queryset=physios_available(), label="Hand over to", empty_label="Choose a physio"
    )
    reason = forms.CharField(
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the change; the runner and both physios see it.",
    )


@clinician_page
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest, runner_id: int) -> HttpResponse:
    if not is_staff(request.user):
        raise Http404("Not found.")
    staff = cast(User, request.user)
    runner = runner_get_for_viewer(viewer=staff, runner_id=runner_id, what="training.handover")
    form = HandOverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = runner_hand_over(
                runner=runner,
                to_physio=form.cleaned_data["to_physio"],
                by=staff,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"{runner} is now with {record.to_physio}.")
            return redirect("training:physio_runner", runner_id=runner.pk)
    context = {
        "form": form,
        "runner": runner,
        "current": runner_physio(runner),
        "hand_overs": hand_overs_for(viewer=staff, runner=runner),
    }
    return render(request, "training/physio/hand_over.html", context)
