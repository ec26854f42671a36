"""The one rule for text: no control characters (line breaks and tabs in multi-line fields)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from stridewell.core.text import (
    ANY_FIELD_MESSAGE,
    MULTI_LINE_MESSAGE,
    SINGLE_LINE_MESSAGE,
    CleanTextFormMixin,
    bad_text_paths,
    text_problem,
    validate_multi_line,
    validate_single_line,
)
from stridewell.enquiries.forms import EnquiryForm
from stridewell.enquiries.models import Enquiry


@pytest.mark.parametrize(
    ("text", "single", "multi"),
    [
        ("Amara Okafor", None, None),
        ("Zoë Ødegård – 10 km ✓", None, None),
        ("one\ntwo", SINGLE_LINE_MESSAGE, None),
        ("tab\there", SINGLE_LINE_MESSAGE, None),
        ("cr\r\nlf", SINGLE_LINE_MESSAGE, None),
        ("nul\x00", SINGLE_LINE_MESSAGE, MULTI_LINE_MESSAGE),
        ("escape\x1b[31m", SINGLE_LINE_MESSAGE, MULTI_LINE_MESSAGE),
        ("delete\x7f", SINGLE_LINE_MESSAGE, MULTI_LINE_MESSAGE),
        ("c1 next line\x85", SINGLE_LINE_MESSAGE, MULTI_LINE_MESSAGE),
        ("lone \ud800 surrogate", SINGLE_LINE_MESSAGE, MULTI_LINE_MESSAGE),
    ],
)
def test_the_rule_per_kind_of_field(text, single, multi):
    assert text_problem(text, multiline=False) == single
    assert text_problem(text, multiline=True) == multi


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_text_without_control_characters_always_passes(text):
    assert text_problem(text, multiline=False) is None


@given(st.text(), st.characters(categories=("Cc",), exclude_characters="\t\n\r"))
def test_any_control_character_anywhere_is_refused(text, control):
    for at in (0, len(text) // 2, len(text)):
        assert text_problem(text[:at] + control + text[at:], multiline=True) == MULTI_LINE_MESSAGE


def test_bad_text_is_found_by_its_path_in_nested_json():
    data = {"a": "fine\n", "b": [{"c": "x\x00"}, "ok"], "d\x00": 1, "e": 3, "f": "\x1b"}

    assert bad_text_paths(data) == {
        "b.0.c": ANY_FIELD_MESSAGE,
        "__all__": "A field name contains NUL or a broken character.",
    }
    assert bad_text_paths("\x00") == {"__all__": ANY_FIELD_MESSAGE}
    assert bad_text_paths({"ok": ["a\tb", "c\r\nd"]}) == {}


def test_the_django_validators():
    validate_single_line("fine")
    validate_multi_line("fine\nand fine")
    with pytest.raises(ValidationError, match="one line of text"):
        validate_single_line("two\nlines")
    with pytest.raises(ValidationError, match="only line breaks and tabs"):
        validate_multi_line("bell\x07")


class _Form(CleanTextFormMixin, forms.Form):
    title = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, required=False)
    count = forms.IntegerField(required=False)


def test_the_form_mixin_gives_every_text_field_its_rule():
    assert _Form({"title": "Long run", "notes": "Easy\n\tthen strides"}).is_valid()

    form = _Form({"title": "Long\nrun", "notes": "bell\x07"})

    assert form.errors == {"title": [SINGLE_LINE_MESSAGE], "notes": [MULTI_LINE_MESSAGE]}


@pytest.mark.django_db
def test_the_enquiry_page_refuses_control_characters_as_a_form_error(client):
    response = client.post(
        "/advice/",
        {
            "name": "Tom\x1b[2J",
            "email": "tom@example.com",
            "background": "regular",
            "question": "How do I start?\n\tThanks",
            "preferred_contact": "email",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": [SINGLE_LINE_MESSAGE]}
    assert not Enquiry.objects.exists()
    assert EnquiryForm(
        {
            "name": "Tom",
            "email": "tom@example.com",
            "background": "regular",
            "question": "How do I start?\n\tThanks",
            "preferred_contact": "email",
        }
    ).is_valid()
