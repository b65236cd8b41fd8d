"""Voting: combine different fitted classifiers by majority (hard) or by averaging their
probabilities (soft).

Hard voting counts each model's predicted label (optionally weighted); soft voting
averages ``predict_proba`` and takes the argmax, which uses the models' confidence and
usually works better when the models are reasonably calibrated.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_is_fitted, check_option
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, clone
from mlinterview.ml.ensemble._base import check_classification_data, parallel_map

__all__ = ["VotingClassifier", "check_named_estimators"]


def check_named_estimators(estimators) -> list[tuple[str, object]]:
    """``estimators`` must be a non-empty list of ``(name, estimator)`` with unique names
    (an estimator may be ``"drop"``)."""
    if not isinstance(estimators, list | tuple) or not estimators:
        raise ValueError(f"estimators: expected a non-empty list of (name, estimator), got "
                         f"{estimators!r:.80}")
    for item in estimators:
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)):
            raise ValueError(f"estimators: expected (name, estimator) tuples, got {item!r:.80}")
    names = [name for name, _ in estimators]
    if len(set(names)) != len(names):
        raise ValueError(f"estimators: names must be unique, got {names}")
    return [(n, e) for n, e in estimators if e != "drop"]


def _fit_one(task):
    estimator, X, y, sample_weight = task
    if sample_weight is None:                   # members need not accept sample_weight
        return estimator.fit(X, y)
    return estimator.fit(X, y, sample_weight=sample_weight)


class VotingClassifier(ClassifierMixin, BaseEstimator):
    """Majority (``voting="hard"``) or mean-probability (``"soft"``) vote of classifiers.

    ``estimators`` is a list of ``(name, classifier)``; each is cloned and fitted on the
    label codes ``0..K-1``. ``weights`` (one per estimator, or None) weight the votes or
    the probabilities. Ties in a hard vote go to the smallest class.

    Fitted attributes: ``estimators_``, ``named_estimators_`` (dict), ``classes_``,
    ``n_features_in_``.
    """

    def __init__(self, estimators, *, voting="hard", weights=None, n_jobs=None):
        self.estimators = estimators
        self.voting = voting
        self.weights = weights
        self.n_jobs = n_jobs

    def get_params(self, deep: bool = True):
        """Parameters; with ``deep``, each named estimator and its parameters too."""
        out = super().get_params(deep=False)
        if deep and isinstance(self.estimators, list | tuple):
            for name, est in self.estimators:
                out[name] = est
                if hasattr(est, "get_params"):
                    out.update({f"{name}__{k}": v for k, v in est.get_params().items()})
        return out

    def fit(self, X, y, sample_weight=None):
        """Clone and fit every estimator on ``X (n, p)`` and ``y (n,)`` (with
        ``sample_weight (n,)`` when given, as scikit-learn passes it on)."""
        check_option(self.voting, "voting", ("hard", "soft"))
        named = check_named_estimators(self.estimators)
        if self.weights is not None and len(self.weights) != len(self.estimators):
            raise ValueError(f"weights: expected {len(self.estimators)} weights (one per "
                             f"estimator), got {len(self.weights)}")
        X, codes, classes, w = check_classification_data(X, y, sample_weight)
        self.classes_, self.n_features_in_ = classes, X.shape[1]
        tasks = [(clone(est), X, codes, w) for _, est in named]
        self.estimators_ = parallel_map(_fit_one, tasks, self.n_jobs)
        self.named_estimators_ = dict(zip([n for n, _ in named], self.estimators_,
                                          strict=True))
        return self

    def _weights(self):
        if self.weights is None:
            return np.ones(len(self.estimators_))
        kept = [w for (_, e), w in zip(self.estimators, self.weights, strict=True)
                if e != "drop"]
        return np.asarray(kept, dtype=np.float64)

    def transform(self, X) -> np.ndarray:
        """Each estimator's output: probabilities stacked as ``(n_estimators, n_samples,
        n_classes)`` (soft), or predicted codes ``(n_samples, n_estimators)`` (hard)."""
        check_is_fitted(self, ["estimators_"])
        if self.voting == "soft":
            return np.stack([e.predict_proba(X) for e in self.estimators_])
        return np.column_stack([np.asarray(e.predict(X), dtype=int) for e in self.estimators_])

    @property
    def predict_proba(self):
        """Weighted mean of the estimators' probabilities, ``(n_samples, n_classes)``.

        Only with ``voting="soft"``: otherwise the attribute does not exist, so
        ``hasattr(model, "predict_proba")`` tells the truth (as in scikit-learn).
        """
        if self.voting != "soft":
            raise AttributeError("predict_proba is not available when voting='hard'")
        return self._predict_proba

    def _predict_proba(self, X) -> np.ndarray:
        return np.average(self.transform(X), axis=0, weights=self._weights())

    def predict(self, X) -> np.ndarray:
        """The winning class of each sample: shape ``(n_samples,)``."""
        if self.voting == "soft":
            return self.classes_[np.argmax(self._predict_proba(X), axis=1)]
        votes = self.transform(X)                                    # (n, n_estimators)
        # Weighted vote counts per class, one scatter-add instead of a loop over samples.
        totals = np.zeros((len(votes), len(self.classes_)))
        rows = np.repeat(np.arange(len(votes)), votes.shape[1])
        np.add.at(totals, (rows, votes.ravel()), np.tile(self._weights(), len(votes)))
        return self.classes_[np.argmax(totals, axis=1)]
