"""Forms for the newsletter pages. They validate input; services do the writing."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy

from stridewell.core.text import CleanTextFormMixin
from stridewell.newsletter.consent import consent_current

HONEYPOT_FIELD = "website"


class SignupForm(CleanTextFormMixin, forms.Form):
    """The sign-up include, the sign-up page and the htmx swap all post these fields."""

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address such as name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=consent_current().text,
        error_messages={"required": "Tick the box to say you would like the newsletter."},
    )
    source = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    # Hidden from people (and screen readers); bots fill in every field they find.
    website = forms.CharField(required=False, max_length=200)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class PreferencesForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=60,
        required=False,
        help_text="So our e-mails can greet you by name.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    wants_newsletter = forms.BooleanField(label=consent_current().text, required=False)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand this deletes my address and my unused welcome code for good.",
        error_messages={"required": "Tick the box to confirm you want everything deleted."},
    )


class IssueForm(CleanTextFormMixin, forms.Form):
    subject = forms.CharField(label="Subject", max_length=150)
    preheader = forms.CharField(
        label="Preview line",
        max_length=150,
        required=False,
        help_text="Shown after the subject in many mail apps. Optional.",
    )
    body_markdown = forms.CharField(
        label="Body (Markdown)",
        help_text=(
            "Blank lines separate paragraphs. ## for a heading, **bold**, *italic*, "
            "- for a list, [words](https://…) for a link."
        ),
        widget=forms.Textarea(
            attrs={
                "rows": 18,
                "spellcheck": "true",
                # With JavaScript the preview beside the form follows the typing; without it,
                # saving the draft shows the same preview on the issue's page.
                "hx-post": reverse_lazy("newsletter:staff_issue_preview"),
                "hx-trigger": "input changed delay:600ms",
                "hx-target": "#issue-preview",
                "hx-swap": "innerHTML",
            }
        ),
    )


class SendConfirmForm(forms.Form):
    checked = forms.BooleanField(
        label="I have read the test e-mail and this issue is ready to go to every subscriber.",
        error_messages={"required": "Tick the box to confirm the issue is ready to send."},
    )


class LookupForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="The exact address of the person who contacted you.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class StaffEraseForm(LookupForm):
    confirm = forms.BooleanField(
        label="This person asked us to erase their data. Delete it now.",
        error_messages={"required": "Tick the box to confirm the erasure request."},
    )
