"""Text similarity between articles: TF-IDF vectors and cosine similarity.

Pure Python: no Django imports. A journal holds tens to a few hundred articles, so a plain
dictionary implementation is fast enough (about 50 ms for 100 articles) and its result is
cached until an article changes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Common English words carry no topic; the list is short because IDF already discounts the rest.
STOPWORDS = frozenset(
    """
    about after again also always among and any are because been before being between both
    but can could did does doing down during each even every few for from further had has
    have having her here hers him his how into its itself just least less like made make
    many may more most much must near need never not now off once one only other our ours
    out over own same she should since some such than that the their them then there these
    they this those through too under until upon very was way well were what when where
    which while who whom why will with within without would you your yours yourself
    """.split()  # noqa: SIM905 - a word list reads better as text than as 130 literals
)
TITLE_WEIGHT = 3


def tokenize(text: str) -> list[str]:
    """Lower-case words of three or more letters, minus stop words, with plural -s dropped."""
    words = []
    for raw in _WORD.findall(text.casefold()):
        if raw in STOPWORDS:
            continue
        # A crude plural fold ("runners" ~ "runner") without a stemming library.
        is_plural = len(raw) > 4 and raw.endswith("s") and not raw.endswith("ss")
        words.append(raw[:-1] if is_plural else raw)
    return words


def document_text(*, title: str, excerpt: str, body: str) -> str:
    # The title says most about what an article is about, so it counts several times.
    return " ".join([title] * TITLE_WEIGHT + [excerpt, body])


def tfidf_vectors(docs: Mapping[int, str]) -> dict[int, dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear term frequency, smoothed IDF)."""
    counts = {doc_id: Counter(tokenize(text)) for doc_id, text in docs.items()}
    total = len(counts)
    frequency: Counter[str] = Counter()
    for terms in counts.values():
        frequency.update(terms.keys())
    idf = {term: math.log((1 + total) / (1 + df)) + 1 for term, df in frequency.items()}
    vectors: dict[int, dict[str, float]] = {}
    for doc_id, terms in counts.items():
        weights = {term: (1 + math.log(n)) * idf[term] for term, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors[doc_id] = {t: w / norm for t, w in weights.items()} if norm else {}
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def nearest_neighbours(
    docs: Mapping[int, str], *, limit: int = 6
) -> dict[int, list[tuple[int, float]]]:
    """For every document, the `limit` most similar others (score > 0), best first.

    Ties are broken by the smaller id so the answer never depends on dictionary order.
    """
    vectors = tfidf_vectors(docs)
    ids = sorted(vectors)
    scores: dict[int, list[tuple[int, float]]] = {doc_id: [] for doc_id in ids}
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            score = round(cosine(vectors[first], vectors[second]), 6)
            if score > 0:
                scores[first].append((second, score))
                scores[second].append((first, score))
    return {
        doc_id: sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:limit]
        for doc_id, pairs in scores.items()
    }


def rank_related(
    *,
    shared_tags: Mapping[int, int],
    similarity: Mapping[int, float],
    fallback: list[int],
    exclude: int,
    limit: int = 3,
) -> list[int]:
    """Related article ids: shared tags first (most shared, then most similar), then text
    similarity, then `fallback` (e.g. the newest) so there is always something to read next."""
    tagged = sorted(
        (doc for doc, n in shared_tags.items() if n > 0 and doc != exclude),
        key=lambda doc: (-shared_tags[doc], -similarity.get(doc, 0.0), doc),
    )
    similar = sorted(
        (doc for doc, s in similarity.items() if s > 0 and doc != exclude),
        key=lambda doc: (-similarity[doc], doc),
    )
    chosen: list[int] = []
    for doc in [*tagged, *similar, *fallback]:
        if len(chosen) >= limit:
            break
        if doc != exclude and doc not in chosen:
            chosen.append(doc)
    return chosen
