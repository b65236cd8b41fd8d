"""Bagging (bootstrap aggregating) of any classifier.

Fit the same base model on ``n_estimators`` bootstrap samples (optionally also on random
subsets of the features) and average their class probabilities. Averaging models that
make partly independent errors lowers the variance and leaves the bias about where one
model had it, so bagging helps unstable, low-bias learners such as deep trees.

Breiman, "Bagging predictors", Machine Learning 24 (1996).
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    check_is_fitted,
    check_predict_X,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.base import BaseEstimator, ClassifierMixin, clone
from mlinterview.ml.ensemble._base import (
    check_classification_data,
    check_n_estimators,
    member_seeds,
    parallel_map,
)
from mlinterview.ml.ensemble._forest import oob_average
from mlinterview.ml.tree import DecisionTreeClassifier

__all__ = ["BaggingClassifier"]


def _count_or_fraction(value, name: str, n: int) -> int:
    """An int in [1, n] or a fraction in (0, 1] of ``n`` (rounded down, at least 1)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        check_scalar(value, name, numbers.Integral, lo=1, hi=n)
        return int(value)
    check_scalar(value, name, numbers.Real, lo=0.0, hi=1.0, include_lo=False)
    return max(1, int(value * n))


def _set_random_state(estimator, seed: int) -> None:
    if "random_state" in estimator.get_params(deep=False):
        estimator.set_params(random_state=int(seed))


def _fit_member(task):
    """Draw rows and features for one member and fit it (module level: picklable)."""
    estimator, X, y, seed, n_rows, n_cols, bootstrap, bootstrap_features = task
    rng = np.random.default_rng(seed)
    n, p = X.shape
    rows = rng.integers(0, n, n_rows) if bootstrap else rng.permutation(n)[:n_rows]
    cols = (rng.integers(0, p, n_cols) if bootstrap_features
            else np.sort(rng.permutation(p)[:n_cols]))
    _set_random_state(estimator, seed)
    estimator.fit(X[np.ix_(rows, cols)], y[rows])
    in_bag = np.zeros(n, dtype=bool)
    in_bag[rows] = True
    return estimator, cols, ~in_bag


class BaggingClassifier(ClassifierMixin, BaseEstimator):
    """Bootstrap aggregation of a classifier (default: a full decision tree).

    Parameters: ``estimator`` (any classifier; cloned per member), ``n_estimators``,
    ``max_samples`` / ``max_features`` (int count or fraction of rows / columns per
    member), ``bootstrap`` (rows with replacement), ``bootstrap_features``,
    ``oob_score``, ``n_jobs``, ``random_state``.

    Fitted attributes: ``estimators_``, ``estimators_features_`` (column indices of each
    member), ``classes_``, ``n_classes_``, ``n_features_in_``; with ``oob_score=True``,
    ``oob_score_`` and ``oob_decision_function_ (n_samples, n_classes)``.
    """

    def __init__(self, estimator=None, n_estimators=10, *, max_samples=1.0, max_features=1.0,
                 bootstrap=True, bootstrap_features=False, oob_score=False, n_jobs=None,
                 random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.bootstrap_features = bootstrap_features
        self.oob_score = oob_score
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X, y):
        """Fit ``n_estimators`` clones on random draws of ``X (n, p)`` and ``y (n,)``."""
        X, codes, classes, _ = check_classification_data(X, y, None, self)
        n_estimators = check_n_estimators(self.n_estimators)
        n_rows = _count_or_fraction(self.max_samples, "max_samples", len(X))
        n_cols = _count_or_fraction(self.max_features, "max_features", X.shape[1])
        if self.oob_score and not self.bootstrap:
            raise ValueError("oob_score: out-of-bag estimation needs bootstrap=True")
        base = DecisionTreeClassifier() if self.estimator is None else self.estimator
        seeds = member_seeds(check_random_state(self.random_state), n_estimators)
        tasks = [(clone(base), X, codes, int(s), n_rows, n_cols, bool(self.bootstrap),
                  bool(self.bootstrap_features)) for s in seeds]
        fitted = parallel_map(_fit_member, tasks, self.n_jobs)
        self.estimators_ = [est for est, _, _ in fitted]
        self.estimators_features_ = [cols for _, cols, _ in fitted]
        self.classes_, self.n_classes_ = classes, len(classes)
        self.n_features_in_ = X.shape[1]
        if self.oob_score:
            proba = oob_average(self._member_proba(X), [oob for _, _, oob in fitted],
                                "every member drew them.", stacklevel=3)
            seen = ~np.isnan(proba[:, 0])
            self.oob_decision_function_ = proba
            self.oob_score_ = float(np.mean(np.argmax(proba[seen], axis=1) == codes[seen]))
        return self

    def _member_proba(self, X) -> np.ndarray:
        """Each member's class probabilities ``(n_estimators, n_samples, n_classes)``; a
        member without ``predict_proba`` contributes a one-hot vote."""
        out = np.zeros((len(self.estimators_), len(X), len(self.classes_)))
        for b, (est, cols) in enumerate(zip(self.estimators_, self.estimators_features_,
                                            strict=True)):
            Xb = X[:, cols]
            seen = np.asarray(est.classes_, dtype=int)          # a draw can miss a class
            if hasattr(est, "predict_proba"):
                out[b][:, seen] = est.predict_proba(Xb)
            else:
                out[b, np.arange(len(X)), np.asarray(est.predict(Xb), dtype=int)] = 1.0
        return out

    def predict_proba(self, X) -> np.ndarray:
        """Mean of the members' class probabilities: ``(n_samples, n_classes)``."""
        check_is_fitted(self, ["estimators_"])
        return self._member_proba(check_predict_X(self, X)).mean(axis=0)

    def predict(self, X) -> np.ndarray:
        """The class with the highest mean probability: shape ``(n_samples,)``."""
        check_is_fitted(self, ["estimators_"])
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
