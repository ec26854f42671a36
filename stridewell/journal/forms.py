"""Comment forms. They only describe fields and widgets; the rules live in the services,
so the page, the API and any later interface accept exactly the same comments."""

from __future__ import annotations

from typing import Any

from django import forms

from stridewell.core.text import CleanTextFormMixin
from stridewell.journal.services.comment_input import BODY_MAX


class CommentForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        error_messages={"required": "Please tell us your name (a first name is fine)."},
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 80}),
    )
    email = forms.CharField(
        label="E-mail",
        help_text=(
            "Never shown to anyone. We use it to recognise you next time and, if you ask, "
            "to tell you about replies."
        ),
        error_messages={"required": "Please give your e-mail address. It is never shown."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
    )
    website = forms.CharField(
        label="Website",
        required=False,
        widget=forms.URLInput(attrs={"autocomplete": "url", "placeholder": "https://"}),
    )
    body = forms.CharField(
        label="Comment",
        strip=False,
        help_text=(
            f"Plain text, up to {BODY_MAX:,} characters. Web addresses become links; comments "
            "with two or more links are checked by the clinic before they appear."
        ),
        error_messages={"required": "Please write your comment."},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    notify_on_reply = forms.BooleanField(label="E-mail me when someone replies", required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people (and screen readers) by its wrapper; bots fill it in.
    homepage = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, reply_to: int | None = None, **kwargs: Any) -> None:
        # Reply forms sit on the same page as the main form: their ids must differ.
        if reply_to is not None:
            kwargs.setdefault("auto_id", f"reply{reply_to}_%s")
            kwargs.setdefault("initial", {})["parent"] = reply_to
        super().__init__(*args, **kwargs)


class ClinicReplyForm(CleanTextFormMixin, forms.Form):
    body = forms.CharField(
        label="Reply as the clinic",
        strip=False,
        help_text="Shown under the comment with the clinic's name. Plain text.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the reply first."},
    )

    def __init__(
        self, *args: Any, comment_id: int, is_pending: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"clinic-reply{comment_id}_%s")
        super().__init__(*args, **kwargs)
        if is_pending:
            self.fields["body"].help_text += " Replying also approves the comment."
