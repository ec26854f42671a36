"""The consent wording is versioned, and every version ever stored can still be shown."""

from __future__ import annotations

import pytest

from stridewell.newsletter.consent import CURRENT_VERSION, WORDINGS, consent_current, consent_text
from stridewell.newsletter.forms import SignupForm
from stridewell.newsletter.models import Consent


def test_the_current_version_exists_and_mentions_what_people_agree_to():
    wording = consent_current()

    assert wording.version == CURRENT_VERSION
    assert "10%" in wording.text
    assert "unsubscribe" in wording.text
    assert "never shares my address" in wording.text


def test_the_form_shows_exactly_the_current_wording():
    assert SignupForm().fields["consent"].label == consent_current().text


@pytest.mark.django_db
def test_every_version_found_in_the_database_is_still_defined(confirmed_subscriber):
    confirmed_subscriber("ada@example.com")

    stored = set(Consent.objects.values_list("wording_version", flat=True))

    assert stored == {CURRENT_VERSION}
    assert stored <= set(WORDINGS)


def test_an_unknown_version_has_no_text():
    assert consent_text("1999-01") == ""
