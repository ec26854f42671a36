"""Forms for the enquiry page and the inbox. They validate input; services do the writing."""

from __future__ import annotations

from django import forms

from stridewell.core.text import CleanTextFormMixin
from stridewell.enquiries.models import ContactPreference, EnquiryStatus, RunningBackground

HONEYPOT_FIELD = "website"


class EnquiryForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=120,
        error_messages={"required": "Tell us your name."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address so we can reply.",
            "invalid": "Enter an e-mail address such as name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=32,
        required=False,
        help_text="Only if you would like us to call you.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    background = forms.ChoiceField(
        label="Your running at the moment",
        choices=[("", "Choose the closest"), *RunningBackground.choices],
        error_messages={"required": "Choose the description closest to your running."},
    )
    background_detail = forms.CharField(
        label="More about your running",
        max_length=1000,
        required=False,
        help_text="For example weekly distance, your next race, or past injuries.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    question = forms.CharField(
        label="Your question",
        max_length=5000,
        error_messages={"required": "Write your question."},
        help_text="Where would you like to start, or what would you like to improve?",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    preferred_contact = forms.ChoiceField(
        label="How should we reply?",
        choices=ContactPreference.choices,
        initial=ContactPreference.EMAIL,
        widget=forms.RadioSelect,
    )
    # Hidden from people and screen readers; bots fill in every field they find.
    website = forms.CharField(required=False, max_length=200)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("preferred_contact") == ContactPreference.PHONE and not data.get("phone"):
            self.add_error("phone", "Give us a number to call, or choose e-mail instead.")
        return data


class ReplyForm(CleanTextFormMixin, forms.Form):
    body = forms.CharField(
        label="Your reply",
        max_length=10000,
        error_messages={"required": "Write your reply."},
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    suggest_screening = forms.BooleanField(
        label="Suggest a running screening (adds a booking link to the reply)", required=False
    )
    channel = forms.ChoiceField(
        label="How are you answering?",
        choices=[
            ("email", "E-mail this reply to them"),
            ("phone", "I phoned them: keep this as a note, do not e-mail it"),
        ],
        initial="email",
        widget=forms.RadioSelect,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=EnquiryStatus.choices)
