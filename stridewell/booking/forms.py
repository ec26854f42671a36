"""Booking forms. They parse and label input; the services decide what is allowed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms

from stridewell.booking.errors import BookingError
from stridewell.booking.models import AppointmentType
from stridewell.core.text import CleanTextFormMixin
from stridewell.core.time import local_dt

PATIENT_CHOICES = (("new", "This is my first visit"), ("returning", "I have been before"))


class DetailsForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We send your confirmation and calendar file here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=32,
        help_text="In case we need to reach you before your appointment.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    patient = forms.ChoiceField(
        label="Have you been to Stridewell before?",
        choices=PATIENT_CHOICES,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="What is wrong?",
        max_length=2000,
        required=False,
        help_text="A few words about the injury or niggle, and any race coming up.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    discount_code = forms.CharField(
        label="Discount code",
        max_length=40,
        required=False,
        help_text="From our newsletter, if you have one.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    # The policy itself is shown above the box (with its version), not as help text.
    accept_policy = forms.BooleanField(
        label="I accept the cancellation policy",
        error_messages={"required": "Please read and accept the cancellation policy."},
    )

    # Service field names -> form field names, for errors the service reports.
    FIELD_MAP = {"is_new_patient": "patient"}

    def add_booking_error(self, error: BookingError) -> None:
        """Show a service refusal next to the fields it concerns (or above the form)."""
        placed = False
        for field, messages in error.fields.items():
            name = self.FIELD_MAP.get(field, field)
            if name in self.fields:
                for message in messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, error.message)


class StaffBookingForm(DetailsForm):
    """A caller on the phone: staff choose the type, the physio and the time."""

    appointment_type = forms.ModelChoiceField(
        label="Appointment type", queryset=AppointmentType.objects.none(), to_field_name="slug"
    )
    practitioner = forms.ChoiceField(label="Physiotherapist")
    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label="Start time", widget=forms.TimeInput(attrs={"type": "time"}))
    accept_policy = forms.BooleanField(
        label="I have read the cancellation policy to the caller and they accept it",
        error_messages={"required": "Please read the policy to the caller and tick this box."},
    )
    field_order = ("appointment_type", "practitioner", "day", "start_time")
    FIELD_MAP = {"is_new_patient": "patient", "start": "start_time", "type": "appointment_type"}

    def __init__(self, *args: Any, types: Any, practitioners: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["appointment_type"].queryset = types  # type: ignore[attr-defined]
        self.fields["practitioner"].choices = [("any", "Any available"), *practitioners]  # type: ignore[attr-defined]
        self.fields["email"].help_text = "The confirmation and calendar file go here."

    def start(self) -> datetime:
        return clinic_instant(self.cleaned_data["day"], self.cleaned_data["start_time"])


class MoveForm(forms.Form):
    day = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label="New start time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    practitioner = forms.ChoiceField(label="Physiotherapist", required=False)

    def __init__(self, *args: Any, practitioners: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].choices = [("", "Keep the same"), *practitioners]  # type: ignore[attr-defined]

    def start(self) -> datetime:
        return clinic_instant(self.cleaned_data["day"], self.cleaned_data["start_time"])


class CancelForm(CleanTextFormMixin, forms.Form):
    reason = forms.CharField(label="Reason (for our records)", max_length=200, required=False)


def clinic_instant(day: date, wall: time) -> datetime:
    """A London date and wall-clock time as an instant (the earlier one in the autumn hour)."""
    return local_dt(day, wall.replace(second=0, microsecond=0))
