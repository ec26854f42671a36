"""Practitioner profiles: physiotherapists only, tidy specialties, listed in the clinic's order."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from stridewell.accounts.models import PractitionerProfile, Role, validate_specialties
from stridewell.accounts.selectors import practitioner_list_active
from stridewell.accounts.services import practitioner_profile_create


def _create(user, **overrides):
    fields = {
        "display_name": "Pat Physio",
        "title": "Senior Sports Physiotherapist",
        "slug": "pat-physio",
        "bio": "Keeps runners running.",
        "specialties": ["Running injuries"],
    }
    return practitioner_profile_create(user=user, **(fields | overrides))


@pytest.mark.django_db
def test_a_physio_gets_a_profile(physio):
    profile = _create(physio, specialties=["  Tendinopathy ", "Strength & conditioning"])

    assert PractitionerProfile.objects.get() == profile
    assert profile.user == physio
    assert profile.specialties == ["Tendinopathy", "Strength & conditioning"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.RUNNER, Role.STAFF])
def test_only_physiotherapists_can_have_a_profile(make_user, role):
    user = make_user("someone@example.com", role=role)

    with pytest.raises(ValidationError) as caught:
        _create(user)

    assert caught.value.message_dict["user"] == [
        f"someone@example.com is not a physiotherapist (role: {user.get_role_display()}). "
        "Change their role to Physiotherapist before giving them a practitioner profile."
    ]
    assert not PractitionerProfile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("specialties", "message"),
    [
        (["Running injuries", "   "], "Specialty 2 is empty; write a short label or remove it."),
        ([""], "Specialty 1 is empty; write a short label or remove it."),
        ([42], "Specialty 1 must be text."),
        (["Tendinopathy", "tendinopathy"], "Specialty 2 (“tendinopathy”) is listed twice."),
        (["x" * 81], "Specialty 1 is longer than 80 characters."),
        ("Running injuries", "Specialties must be a list of short labels."),
    ],
)
def test_specialties_must_be_a_list_of_non_empty_labels(physio, specialties, message):
    with pytest.raises(ValidationError) as caught:
        _create(physio, specialties=specialties)

    assert caught.value.message_dict["specialties"] == [message]
    assert not PractitionerProfile.objects.exists()


@pytest.mark.django_db
def test_active_list_hides_inactive_profiles_and_users_and_keeps_the_order(make_user):
    def physio(email):
        return make_user(email, role=Role.PHYSIO)

    second = _create(physio("b@example.com"), display_name="Bea", slug="bea", sort_order=20)
    first = _create(physio("a@example.com"), display_name="Zed", slug="zed", sort_order=10)
    _create(physio("c@example.com"), display_name="Cat", slug="cat", is_active=False)
    _create(
        make_user("d@example.com", role=Role.PHYSIO, is_active=False),
        display_name="Dan",
        slug="dan",
    )
    moved_on = _create(physio("e@example.com"), display_name="Eve", slug="eve")
    moved_on.user.role = Role.RUNNER
    moved_on.user.save()

    assert list(practitioner_list_active()) == [first, second]


_label = st.text(min_size=1, max_size=80).filter(lambda s: s.strip() == s and s != "")


@given(st.lists(_label, max_size=8, unique_by=str.casefold))
def test_any_list_of_distinct_short_labels_is_accepted(labels):
    validate_specialties(labels)


@given(
    st.lists(_label, max_size=5, unique_by=str.casefold),
    st.text(alphabet=" \t\n", max_size=4),
    st.integers(min_value=0, max_value=5),
)
def test_a_blank_label_anywhere_is_rejected_with_its_position(labels, blank, where):
    where = min(where, len(labels))
    specialties = [*labels[:where], blank, *labels[where:]]

    with pytest.raises(ValidationError) as caught:
        validate_specialties(specialties)

    assert (
        f"Specialty {where + 1} is empty; write a short label or remove it."
        in caught.value.messages
    )
