"""Demo accounts for development and demonstrations. Never for a real site.

Every demo login shares one published password, so this refuses to run unless
`DEMO_DATA_ALLOWED` is on. Running it again leaves existing rows untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from stridewell.accounts.models import PractitionerProfile, Role, User
from stridewell.accounts.services import practitioner_profile_create

DEMO_PASSWORD = "stridewell-demo"  # noqa: S105 - published on purpose; demo data only


class DemoDataNotAllowedError(RuntimeError):
    pass


@dataclass(frozen=True)
class _Person:
    email: str
    first_name: str
    last_name: str
    role: str = Role.RUNNER
    is_admin: bool = False


@dataclass(frozen=True)
class _Profile:
    email: str
    title: str
    slug: str
    bio: str
    specialties: list[str] = field(default_factory=list)


PEOPLE = (
    _Person("runner@stridewell.test", "Maya", "Okafor"),
    _Person("runner2@stridewell.test", "Tom", "Heathcote"),
    _Person("physio@stridewell.test", "Priya", "Raman", Role.PHYSIO),
    _Person("physio2@stridewell.test", "Callum", "Reid", Role.PHYSIO),
    _Person("physio3@stridewell.test", "Sofia", "Lindqvist", Role.PHYSIO),
    _Person("staff@stridewell.test", "Jess", "Marlow", Role.STAFF, is_admin=True),
)

PROFILES = (
    _Profile(
        email="physio@stridewell.test",
        title="Senior Sports Physiotherapist",
        slug="priya-raman",
        bio=(
            "Priya has spent a decade helping distance runners get back on the road after "
            "injury, and ran her own first marathon in the middle of it. She likes a clear "
            "plan: find out what the tissue can tolerate today, then build from there.\n\n"
            "Outside the clinic she coaches a Sunday long-run group along the canal."
        ),
        specialties=["Running injuries", "Achilles tendinopathy", "Return-to-run planning"],
    ),
    _Profile(
        email="physio2@stridewell.test",
        title="Sports Physiotherapist",
        slug="callum-reid",
        bio=(
            "Callum came to physiotherapy from strength coaching, and it shows: most of his "
            "patients leave with a short, heavy programme rather than a long list of band "
            "exercises. He is especially interested in knee and hip pain in runners.\n\n"
            "He races cross-country every winter, with more enthusiasm than speed."
        ),
        specialties=["Strength & conditioning", "Patellofemoral pain", "Hip and groin pain"],
    ),
    _Profile(
        email="physio3@stridewell.test",
        title="Clinical Specialist Physiotherapist",
        slug="sofia-lindqvist",
        bio=(
            "Sofia looks after the stubborn cases: tendons that keep flaring up and stress "
            "injuries that need a careful, graded return. She works closely with runners' "
            "GPs and sports physicians when imaging or a second opinion is needed.\n\n"
            "She has paced the 3:30 group at two London marathons."
        ),
        specialties=["Tendinopathy", "Bone stress injuries", "Load management"],
    ),
)


@transaction.atomic
def seed_accounts_demo() -> dict[str, User]:
    """Create the demo users and practitioner profiles that are missing; keyed by e-mail."""
    if not settings.DEMO_DATA_ALLOWED:
        raise DemoDataNotAllowedError(
            "Demo accounts are disabled here (DEMO_DATA_ALLOWED is off). They share a "
            "published password and must never exist on a real site."
        )
    users = {person.email: _user_get_or_create(person) for person in PEOPLE}
    for profile in PROFILES:
        user = users[profile.email]
        if PractitionerProfile.objects.filter(user=user).exists():
            continue
        practitioner_profile_create(
            user=user,
            display_name=user.get_full_name(),
            title=profile.title,
            slug=profile.slug,
            bio=profile.bio,
            specialties=list(profile.specialties),
            sort_order=PROFILES.index(profile) * 10,
        )
    return users


def _user_get_or_create(person: _Person) -> User:
    existing = User.objects.filter(email__iexact=person.email).first()
    if existing is not None:
        # Left exactly as found: re-running must not rehash passwords or undo local edits.
        return existing
    create = User.objects.create_superuser if person.is_admin else User.objects.create_user
    return create(
        email=person.email,
        password=DEMO_PASSWORD,
        first_name=person.first_name,
        last_name=person.last_name,
        role=person.role,
    )
