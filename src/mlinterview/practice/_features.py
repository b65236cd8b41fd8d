"""Features of (answer, key point) pairs for the learned suggester.

Each key point of a card gets one row of numbers describing how the answer matches it,
all computed by the lexical machinery of :mod:`~mlinterview.practice._lexical` (stems,
synonyms, formulas, negation, claims weighted by IDF). The learned model
(:mod:`~mlinterview.practice.suggest`) turns a row into a probability; the rule it
replaces used only the first column with a fixed threshold.

The columns, in the order of ``FEATURES`` (a *share* runs from 0 to 1; the weights of a
point's words are their IDF over every card's key points; a word matches only with the
same polarity, so "never on the test set" is not found in "on the test set"):

``coverage``        the lexical rule's score (:func:`~._lexical.coverage`), 0 on a veto
``best_sentence``   weighted share of the claims found in the answer's best sentence for
                    each claim (a word said with the opposite polarity counts against it)
``whole_answer``    weighted share of the claims found anywhere in the answer
``main_claim``      the first claim's score (the mean of the two shares above)
``weakest_claim``   the lowest claim score: 1 only when every claim is stated
``contradicted``    1 when the answer defines a name by another formula or swaps the
                    point's parallel claims, else 0
``idf_overlap``     share of the point's IDF weight whose words occur in the answer (no
                    claims, asides weigh as much as the rest)
``rare_terms``      share of the point's three rarest words that occur in the answer
``opposite``        share of the point's weight said only with the opposite polarity
``bigrams``         share of the point's adjacent word pairs found in one sentence of the
                    answer, in order, at most two words apart (phrases, not loose words)
``synonyms``        share of the point's words that are synonym groups
                    (:mod:`~._synonyms`) and occur in the answer
``formula``         share of the point's formulas the answer states (0 when it has none)
``has_formula``     1 when the point states a formula
``point_terms``     log(1 + number of distinct words of the point)
``answer_terms``    log(1 + number of informative words of the answer)
``claims``          number of claims of the point
``bm25``            best BM25 of the point against one sentence of the answer, divided by
                    the score of a sentence holding each of its terms once

Each row depends on its own point only, never on the card's other points (features that
compared a point with its neighbours gained nothing in cross-validation and made a
point's verdict depend on what else was passed). No feature looks at the raw, unstemmed
wording. The answers the model learns from were
written with the cards in view and share their wording more than users' answers do; a
word-for-word overlap feature learnt that habit (it took the largest weight when tried,
for no gain in cross-validation) and would cost recall on answers in users' own words.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mlinterview.practice._lexical import (
    MAIN_CLAIM,
    Claim,
    Text,
    analyse,
    check_points,
    contradicted,
    find_formulas,
    normalize,
    point_claims,
    share,
    split_claims,
    synonym_table,
    term_idf,
    word_tokens,
)

FEATURES = ("coverage", "best_sentence", "whole_answer", "main_claim", "weakest_claim",
            "contradicted", "idf_overlap", "rare_terms", "opposite", "bigrams", "synonyms",
            "formula", "has_formula", "point_terms", "answer_terms", "claims", "bm25")

# The direction in which each feature may move the probability of "covered": +1 evidence
# for the point, -1 evidence against it, 0 either way (lengths and counts, which only
# calibrate the others). The training keeps every weight on its side (a weight of the
# wrong sign is collinearity or a quirk of the labelled answers, not knowledge).
SIGNS = {"coverage": 1, "best_sentence": 1, "whole_answer": 1, "main_claim": 1,
         "weakest_claim": 1, "contradicted": -1, "idf_overlap": 1, "rare_terms": 1,
         "opposite": -1, "bigrams": 1, "synonyms": 1, "formula": 1, "has_formula": 0,
         "point_terms": 0, "answer_terms": 0, "claims": 0, "bm25": 1}

BM25_K1, BM25_B = 1.2, 0.75     # Robertson's usual constants
BIGRAM_GAP = 2                  # a pair matches with at most one term between its words
RARE = 3                        # the point's rarest terms checked by ``rare_terms``

Key = tuple[str, bool]          # a term and whether a negation reaches it


def features(answer: str, points: Sequence[str]) -> np.ndarray:
    """The feature matrix of ``answer`` against a card's key points, shape
    ``(len(points), len(FEATURES))``, float64, columns in the order of ``FEATURES``.

    Raises ``TypeError`` naming the argument when ``answer`` is not text or ``points`` is
    not a sequence of texts. An answer with no informative word gives rows of zeros but
    for the point's own columns (``has_formula``, ``point_terms``, ``claims``).
    """
    check_points(answer, points)
    said = _Answer.of(analyse(answer)) if answer.strip() else None
    rows = np.zeros((len(points), len(FEATURES)))
    for i, point in enumerate(points):
        rows[i] = _pair(said, point)
    return rows


@dataclass(frozen=True)
class _Answer:
    """What every point of a card is matched against, computed once per answer: the
    analysed text, its ordered key pairs (for ``bigrams``) and each sentence's key
    counts and length (for ``bm25``)."""

    text: Text
    pairs: frozenset[tuple[Key, Key]]
    counts: tuple[dict[Key, int], ...]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, text: Text) -> _Answer:
        pairs: set[tuple[Key, Key]] = set()
        counts = []
        for sentence in text.sentences:
            keys = [(t.term, t.negated) for t in sentence]
            for i, first in enumerate(keys):
                pairs.update((first, second) for second in keys[i + 1:i + 1 + BIGRAM_GAP])
            counts.append(Counter(keys))
        return cls(text, frozenset(pairs), tuple(counts),
                   tuple(len(s) for s in text.sentences))


def _pair(answer: _Answer | None, point: str) -> list[float]:
    """One row of ``features``: the answer (None when empty) against one point."""
    claims = point_claims(point)
    keys = _point_keys(point)
    n_formulas = sum(len(c.formulas) for c in claims)
    row = dict.fromkeys(FEATURES, 0.0)
    row.update(has_formula=float(n_formulas > 0), point_terms=math.log1p(len(keys)),
               claims=float(len(claims)))
    if answer is None or not answer.text.sets or not claims:
        return list(row.values())
    said = answer.text
    # The rule's arithmetic (_lexical.coverage), kept apart to feed several columns.
    weights = [max(c.weight, 1e-9) * (MAIN_CLAIM if i == 0 else 1.0)
               for i, c in enumerate(claims)]
    local = [max(share(c, s, sentence=True) for s in said.sets) for c in claims]
    whole = [share(c, said.everything) for c in claims]
    scores = [(a + b) / 2 for a, b in zip(local, whole, strict=True)]
    vetoed = contradicted(claims, said)
    idf = term_idf()
    default = max(idf.values(), default=1.0)
    weight = {key: idf.get(key[0], default) for key in keys}
    rarest = sorted(weight, key=lambda k: (-weight[k], k))[:RARE]
    row.update(
        coverage=0.0 if vetoed else _weighted_mean(scores, weights),
        best_sentence=_weighted_mean(local, weights),
        whole_answer=_weighted_mean(whole, weights),
        main_claim=scores[0],
        weakest_claim=min(scores),
        contradicted=float(vetoed),
        idf_overlap=(sum(w for k, w in weight.items() if k in said.everything)
                     / sum(weight.values()) if weight else 0.0),
        rare_terms=(sum(k in said.everything for k in rarest) / len(rarest)
                    if rarest else 0.0),
        opposite=_opposite(claims, said),
        bigrams=_bigrams(point, answer),
        synonyms=_synonym_share(keys, said),
        formula=(sum((f, False) in said.everything for c in claims for f in c.formulas)
                 / n_formulas if n_formulas else 0.0),
        answer_terms=math.log1p(sum(answer.lengths)),
        bm25=_bm25(weight, answer),
    )
    return list(row.values())


def _weighted_mean(values: list[float], weights: list[float]) -> float:
    return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


@functools.lru_cache(maxsize=4096)
def _point_tokens(point: str) -> tuple[tuple[Key, ...], ...]:
    """The point's words as ``(term, negated)`` keys, in order, one tuple per claim."""
    out = []
    for part in split_claims(normalize(point)):
        words, _, _ = find_formulas(part)
        out.append(tuple((t.term, t.negated) for t in word_tokens(words)))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _point_keys(point: str) -> tuple[Key, ...]:
    """The point's distinct ``(term, negated)`` keys, in order of first appearance. Every
    feature below matches a key only with the same polarity, as the rule does: "never on
    the test set" is not matched by "on the test set"."""
    return tuple(dict.fromkeys(k for claim in _point_tokens(point) for k in claim))


def _opposite(claims: tuple[Claim, ...], said: Text) -> float:
    """Share of the point's weight that the answer says only with the other polarity."""
    total = sum(c.weight for c in claims)
    if total <= 0:
        return 0.0
    flipped = sum(w for c in claims for (t, neg), w in c.terms
                  if (t, not neg) in said.everything and (t, neg) not in said.everything)
    return flipped / total


@functools.lru_cache(maxsize=4096)
def _point_bigrams(point: str) -> tuple[tuple[Key, Key], ...]:
    """Adjacent key pairs within each claim of the point (no pair crosses a ";")."""
    pairs = (p for claim in _point_tokens(point) for p in itertools.pairwise(claim))
    return tuple(dict.fromkeys(p for p in pairs if p[0] != p[1]))


def _bigrams(point: str, answer: _Answer) -> float:
    """Share of the point's adjacent key pairs that some answer sentence says in the
    same order with at most ``BIGRAM_GAP - 1`` words between them."""
    pairs = _point_bigrams(point)
    return sum(p in answer.pairs for p in pairs) / len(pairs) if pairs else 0.0


def _synonym_share(keys: tuple[Key, ...], said: Text) -> float:
    """Share of the point's keys that are synonym groups and occur in the answer."""
    if not keys:
        return 0.0
    groups = _group_names()
    return sum(k[0] in groups and k in said.everything for k in keys) / len(keys)


@functools.cache
def _group_names() -> frozenset[str]:
    return frozenset(synonym_table()[0].values())


def _bm25(weight: dict[Key, float], answer: _Answer) -> float:
    """Best BM25 score of the point (as a query of ``(term, negated)`` keys weighted by
    IDF) against one sentence of the answer, divided by the score of an average-length
    sentence that holds each key once."""
    ideal = sum(weight.values())       # tf = 1 in a sentence of average length
    if ideal <= 0 or not answer.lengths:
        return 0.0
    mean_length = max(sum(answer.lengths) / len(answer.lengths), 1.0)
    best = 0.0
    for counts, length in zip(answer.counts, answer.lengths, strict=True):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / mean_length)
        score = sum(w * counts[k] * (BM25_K1 + 1) / (counts[k] + norm)
                    for k, w in weight.items() if k in counts)
        best = max(best, score)
    return best / ideal
