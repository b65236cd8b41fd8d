"""Voting: combine different fitted classifiers by majority (hard) or by averaging their
probabilities (soft).

Hard voting counts each model's predicted label (optionally weighted); soft voting
averages ``predict_proba`` and takes the argmax, which uses the models' confidence and
usually works better when the models are reasonably calibrated.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_is_fitted, check_option
from mlinterview.ml.base import (
    BaseEstimator,
    ClassifierMixin,
    TransformerMixin,
    available_if,
    clone,
)
from mlinterview.ml.ensemble._base import check_classification_data, parallel_map

__all__ = ["NamedEstimatorsMixin", "VotingClassifier", "check_named_estimators"]


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


class NamedEstimatorsMixin:
    """Parameters of an ensemble built from a list ``estimators`` of ``(name, estimator)``:
    each member is a parameter under its name (``"lr"``), and its own parameters under
    ``"<name>__<param>"`` (``"lr__C"``), so a grid search can tune or replace a member,
    as scikit-learn's ``_BaseComposition`` allows."""

    def _members(self) -> list[tuple[str, object]]:
        """The ``(name, estimator)`` pairs, or none while ``estimators`` is not such a
        list (it is only checked in ``fit``; ``set_params`` must not fail before)."""
        if not isinstance(self.estimators, list | tuple):
            return []
        return [item for item in self.estimators
                if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)]

    def get_params(self, deep: bool = True):
        """Parameters; with ``deep``, each named estimator and its parameters too."""
        out = super().get_params(deep=False)
        if deep:
            for name, est in self._members():
                out[name] = est
                if hasattr(est, "get_params") and not isinstance(est, type):
                    out.update({f"{name}__{k}": v for k, v in est.get_params().items()})
        return out

    def set_params(self, **params):
        """Set parameters; ``name=estimator`` replaces a member (a new list: the old one
        may be shared with a clone), ``name__param=value`` reaches into it."""
        if "estimators" in params:
            super().set_params(estimators=params.pop("estimators"))
        names = [n for n, _ in self._members()]
        own = {k: v for k, v in params.items() if k.partition("__")[0] not in names}
        for key, value in params.items():
            name, _, sub = key.partition("__")
            if name not in names:
                continue
            if sub:
                dict(self._members())[name].set_params(**{sub: value})
            else:
                self.estimators = [(n, value if n == name else e) for n, e in self._members()]
        return super().set_params(**own) if own else self


def _soft(self) -> bool:
    return self.voting == "soft"


class VotingClassifier(NamedEstimatorsMixin, ClassifierMixin, TransformerMixin, BaseEstimator):
    """Majority (``voting="hard"``) or mean-probability (``"soft"``) vote of classifiers.

    ``estimators`` is a list of ``(name, classifier)``; each is cloned and fitted on the
    label codes ``0..K-1``. ``weights`` (one per estimator, or None) weight the votes or
    the probabilities. Ties in a hard vote go to the smallest class.
    ``flatten_transform`` (soft voting) shapes :meth:`transform` as scikit-learn does.

    Fitted attributes: ``estimators_``, ``named_estimators_`` (dict), ``classes_``,
    ``n_features_in_``.
    """

    def __init__(self, estimators, *, voting="hard", weights=None, n_jobs=None,
                 flatten_transform=True):
        self.estimators = estimators
        self.voting = voting
        self.weights = weights
        self.n_jobs = n_jobs
        self.flatten_transform = flatten_transform

    def __sklearn_tags__(self):
        """A classifier that is also a transformer (its members' outputs); its
        probabilities are float64 whatever X's dtype."""
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = []
        return tags

    def fit(self, X, y, sample_weight=None):
        """Clone and fit every estimator on ``X (n, p)`` and ``y (n,)`` (with
        ``sample_weight (n,)`` when given, as scikit-learn passes it on)."""
        check_option(self.voting, "voting", ("hard", "soft"))
        named = check_named_estimators(self.estimators)
        if self.weights is not None and len(self.weights) != len(self.estimators):
            raise ValueError(f"weights: expected {len(self.estimators)} weights (one per "
                             f"estimator), got {len(self.weights)}")
        X, codes, classes, w = check_classification_data(X, y, sample_weight, self)
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

    def _outputs(self, X) -> np.ndarray:
        """Probabilities ``(n_estimators, n_samples, n_classes)`` (soft) or predicted codes
        ``(n_samples, n_estimators)`` (hard)."""
        check_is_fitted(self, ["estimators_"])
        if self.voting == "soft":
            return np.stack([e.predict_proba(X) for e in self.estimators_])
        return np.column_stack([np.asarray(e.predict(X), dtype=int) for e in self.estimators_])

    def transform(self, X) -> np.ndarray:
        """Each estimator's output. Soft voting: the probabilities, side by side
        ``(n_samples, n_estimators * n_classes)``, or stacked ``(n_estimators, n_samples,
        n_classes)`` with ``flatten_transform=False``. Hard: the predicted class codes,
        ``(n_samples, n_estimators)``."""
        out = self._outputs(X)
        if self.voting == "soft" and self.flatten_transform:
            return np.hstack(list(out))
        return out

    @available_if(_soft)
    def predict_proba(self, X) -> np.ndarray:
        """Weighted mean of the estimators' probabilities, ``(n_samples, n_classes)``.

        Only with ``voting="soft"``: otherwise the method does not exist, so
        ``hasattr(model, "predict_proba")`` tells the truth (as in scikit-learn).
        """
        return np.average(self._outputs(X), axis=0, weights=self._weights())

    def predict(self, X) -> np.ndarray:
        """The winning class of each sample: shape ``(n_samples,)``."""
        if self.voting == "soft":
            proba = self.predict_proba(X)                  # checks fitted first
            return self.classes_[np.argmax(proba, axis=1)]
        votes = self._outputs(X)                                     # (n, n_estimators)
        # Weighted vote counts per class, one scatter-add instead of a loop over samples.
        totals = np.zeros((len(votes), len(self.classes_)))
        rows = np.repeat(np.arange(len(votes)), votes.shape[1])
        np.add.at(totals, (rows, votes.ravel()), np.tile(self._weights(), len(votes)))
        return self.classes_[np.argmax(totals, axis=1)]
