"""Suggested ticks: which key points a written answer appears to cover.

After the user writes an answer, the app pre-ticks the key points the text seems to
cover; the user confirms or corrects. A wrong tick costs the user's trust more than a
missed one, so the suggestion aims at high precision first (a suggested tick is usually
right) and then at recall.

How a point is judged:

1. **Lexical matching** (:mod:`~mlinterview.practice._lexical`): the answer and the point
   are normalised (symbols and LaTeX spelled out, British spellings made American,
   stemmed, synonyms and abbreviations merged, formulas kept as terms), the point split
   into claims whose words are weighted by rarity (IDF), and each claim matched in the
   answer's best sentence and in the whole answer, with negations and contradictions
   (a name defined by another formula, parallel claims swapped) taken into account.
2. **Features** (:mod:`~mlinterview.practice._features`): that matching summarised as a
   row of numbers per point: the rule's score, best-sentence and whole-answer shares,
   the first and the weakest claim, the contradiction flag, IDF overlap, rare terms,
   phrase (bigram) hits, synonyms, formulas, BM25, lengths, and how the point compares
   with the card's other points.
3. **A logistic regression** turns the row into the probability that the point is
   covered: ``p = σ(x · coef + intercept)``. Its weights and its threshold ship in
   ``suggest_model.json``, written by ``tools/train_suggester.py`` with our own
   :class:`~mlinterview.ml.linear_model.LogisticRegression` from the ``tune`` split of
   the labelled answers (``benchmarks/data/answer_judgements_*.yaml``); the threshold
   is the lowest at which cross-validated precision on that split stays >= 0.9.
   Running it is a JSON read once and one matrix-vector product per answer.

The lexical rule alone (:func:`coverage` >= 0.5) is kept as the baseline the model had
to beat. Both, and the trivial word-overlap baseline, are measured in ``make bench``
(``bench_practice``) on two held-out sets never used for tuning. What words can and
cannot do shows there: a claim stated in words close to the card's is found, and a
wrong tick stays rare; a claim in the user's own words (a paraphrase, a note, another
vocabulary) is mostly missed, by the model as by the rule.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from mlinterview.practice._features import FEATURES, features
from mlinterview.practice._lexical import ARTEFACT, check_points, coverage, normalize, terms

__all__ = ["Model", "coverage", "model", "normalize", "probabilities", "suggest", "terms"]


@dataclass(frozen=True)
class Model:
    """The shipped logistic regression: ``coef`` of shape ``(n_features,)`` in the units
    of :func:`~mlinterview.practice._features.features` (standardisation folded in),
    ``intercept``, and the probability ``threshold`` from which a point is ticked."""

    coef: np.ndarray
    intercept: float
    threshold: float

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """``σ(X @ coef + intercept)`` for a feature matrix ``X (n_points, n_features)``."""
        return 1.0 / (1.0 + np.exp(-(X @ self.coef + self.intercept)))

    @classmethod
    def from_json(cls, text: str) -> Model:
        """The model in a model file's text. Raises ``ValueError`` when the file was
        trained on other features than this version computes (retrain with
        ``tools/train_suggester.py``) or its threshold is not in [0, 1]."""
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES or len(data["coef"]) != len(FEATURES):
            raise ValueError(f"{ARTEFACT}: trained on the features {data['features']}, but "
                             f"this version computes {list(FEATURES)}; run "
                             "tools/train_suggester.py")
        threshold = float(data["threshold"])
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"{ARTEFACT}: threshold must be in [0, 1], got {threshold}")
        return cls(np.asarray(data["coef"], dtype=np.float64), float(data["intercept"]),
                   threshold)


@functools.cache
def model() -> Model:
    """The shipped model (``suggest_model.json``), read once."""
    return Model.from_json(resources.files(__package__).joinpath(ARTEFACT)
                           .read_text(encoding="utf-8"))


def probabilities(answer: str, points: Sequence[str]) -> np.ndarray:
    """Probability that ``answer`` covers each of ``points``, shape ``(len(points),)``.

    Raises ``TypeError`` naming the argument when ``answer`` is not text or ``points`` is
    not a sequence of texts. An empty answer covers nothing (all zeros).
    """
    check_points(answer, points)
    if not answer.strip() or not points:
        return np.zeros(len(points))
    X = features(answer, points)
    p = model().probabilities(X)
    # A point the answer contradicts (a swapped definition, the other formula for a name)
    # is not covered, however many of its words the answer shares: the labelling rule
    # itself, so no weight the model learns may outvote it.
    p[X[:, FEATURES.index("contradicted")] > 0] = 0.0
    return p


def suggest(answer: str, points: Sequence[str], *, threshold: float | None = None
            ) -> list[int]:
    """Indices of ``points`` that ``answer`` appears to cover, in increasing order.

    ``answer`` is the user's text, ``points`` a card's key points (``Topic.key_points``);
    a point is suggested when its :func:`probabilities` reaches ``threshold`` (default:
    the shipped model's, chosen for precision >= 0.9 in cross-validation). Raises
    ``TypeError`` naming the argument when ``answer`` is not text, ``points`` is not a
    sequence of texts or ``threshold`` is not a number, ``ValueError`` when
    ``threshold`` is not in [0, 1].
    """
    check_points(answer, points)
    if threshold is None:
        threshold = model().threshold
    elif isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise TypeError(f"threshold: expected a number in [0, 1], got "
                        f"{type(threshold).__name__}")
    elif not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold: expected a number in [0, 1], got {threshold!r}")
    if not answer.strip():
        return []
    p = probabilities(answer, points)
    return [int(i) for i in np.flatnonzero(p >= threshold)]
