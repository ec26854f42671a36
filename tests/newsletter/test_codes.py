"""Welcome-code strings and month arithmetic (pure functions)."""

from __future__ import annotations

import calendar
import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from stridewell.newsletter.codes import (
    ALPHABET,
    BODY_LENGTH,
    PREFIX,
    add_months,
    code_generate,
    code_normalise,
)

CODE = re.compile(r"^RUN10-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$")
bodies = st.text(alphabet=ALPHABET, min_size=BODY_LENGTH, max_size=BODY_LENGTH)


def test_the_alphabet_has_no_characters_people_confuse():
    assert set("0O1IL") & set(ALPHABET) == set()
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_generated_codes_have_the_documented_shape_and_differ():
    codes = {code_generate() for _ in range(500)}

    assert all(CODE.fullmatch(code) for code in codes)
    # 500 draws from 31^8 possibilities: a repeat would mean the generator is broken.
    assert len(codes) == 500


@given(bodies)
def test_a_canonical_code_normalises_to_itself(body):
    assert code_normalise(PREFIX + body) == PREFIX + body


@given(bodies, st.sampled_from(["", " ", "  ", "-", " - ", "_", "."]))
def test_case_spaces_and_a_missing_hyphen_do_not_matter(body, separator):
    typed = f"  run10{separator}{body[:4].lower()} {body[4:]}  "

    assert code_normalise(typed) == PREFIX + body


@given(bodies, st.sampled_from("01OILöß!"), st.integers(min_value=0, max_value=BODY_LENGTH - 1))
def test_a_character_outside_the_alphabet_is_not_a_code(body, bad, position):
    typed = PREFIX + body[:position] + bad + body[position + 1 :]

    assert code_normalise(typed) is None


def test_wrong_prefix_or_length_is_not_a_code():
    assert code_normalise("RUN20-ABCDEFGH") is None
    assert code_normalise("RUN10-ABCDEFG") is None
    assert code_normalise("RUN10-ABCDEFGHJ") is None
    assert code_normalise("") is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 36))
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(day, months):
    result = add_months(day, months)

    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
