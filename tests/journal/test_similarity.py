"""Related reading: TF-IDF cosine similarity, and the ranking that puts shared tags first."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stridewell.journal.similarity import (
    cosine,
    document_text,
    nearest_neighbours,
    rank_related,
    tfidf_vectors,
    tokenize,
)


def test_tokenize_lowercases_drops_stopwords_short_words_digits_and_plural_s():
    assert tokenize("The Runners ran 42 km with their Hamstrings, glass!") == [
        "runner",
        "ran",
        "hamstring",
        "glass",
    ]


def test_vectors_have_unit_length_and_an_empty_document_has_none():
    vectors = tfidf_vectors({1: "tendon load tendon", 2: "", 3: "squat"})

    assert math.isclose(math.sqrt(sum(w * w for w in vectors[1].values())), 1.0)
    assert vectors[2] == {}


def test_words_shared_by_every_document_count_for_less_than_rare_ones():
    vectors = tfidf_vectors({1: "running tendon", 2: "running squat", 3: "running hill"})

    assert vectors[1]["tendon"] > vectors[1]["running"]


def test_nearest_neighbours_rank_the_most_similar_first_and_skip_unrelated():
    docs = {
        1: "hamstring tendon pain sitting bone tendon",
        2: "hamstring tendon pain when sitting",
        3: "ski holiday mountain snow",
        4: "tendon load for runners",
    }

    neighbours = nearest_neighbours(docs)

    assert [doc for doc, _ in neighbours[1]] == [2, 4]
    assert neighbours[3] == []


def test_ties_are_broken_by_the_smaller_id():
    neighbours = nearest_neighbours({5: "clam squat", 2: "clam squat", 9: "clam squat"})

    assert [doc for doc, _ in neighbours[9]] == [2, 5]


def test_the_title_weighs_more_than_the_body():
    text = document_text(title="Glute", excerpt="summary", body="body")

    assert text.split().count("Glute") == 3


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.integers(min_value=1, max_value=50),
        st.lists(st.sampled_from(["tendon", "squat", "ski", "runner", "hip", "knee"])).map(
            " ".join
        ),
        max_size=6,
    )
)
def test_similarity_is_symmetric_and_between_zero_and_one(docs):
    vectors = tfidf_vectors(docs)
    for a in vectors:
        for b in vectors:
            forward, backward = cosine(vectors[a], vectors[b]), cosine(vectors[b], vectors[a])
            assert math.isclose(forward, backward, abs_tol=1e-9)
            assert -1e-9 <= forward <= 1 + 1e-9


def test_shared_tags_come_first_then_similarity_then_the_fallback():
    ranked = rank_related(
        shared_tags={10: 1, 11: 2, 12: 1},
        similarity={12: 0.9, 10: 0.2, 20: 0.8, 21: 0.5},
        fallback=[30, 31],
        exclude=1,
        limit=6,
    )

    # 11 shares two tags; 12 and 10 share one each, 12 being more similar; then by text.
    assert ranked == [11, 12, 10, 20, 21, 30]


def test_ranking_never_returns_the_article_itself_or_duplicates():
    ranked = rank_related(
        shared_tags={1: 3, 2: 1}, similarity={1: 1.0, 2: 0.5}, fallback=[1, 2, 3], exclude=1
    )

    assert ranked == [2, 3]


@pytest.mark.parametrize("limit", [0, 1, 3])
def test_ranking_respects_the_limit(limit):
    ranked = rank_related(
        shared_tags={}, similarity={2: 0.5, 3: 0.4}, fallback=[4, 5, 6], exclude=1, limit=limit
    )

    assert ranked == [2, 3, 4][:limit]
