"""Scorers: ``scorer(estimator, X, y) -> float``, higher is better (scikit-learn's names).

Losses appear negated (``neg_mean_squared_error``) so that every scorer is maximised.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mlinterview.ml import metrics
from mlinterview.ml.base import RegressorMixin


def _scores_for_auc(est, X) -> np.ndarray:
    if hasattr(est, "decision_function"):
        return np.asarray(est.decision_function(X))
    return np.asarray(est.predict_proba(X))[:, 1]


def _from_predict(fn: Callable) -> Callable:
    return lambda est, X, y: float(fn(y, est.predict(X)))


SCORERS: dict[str, Callable] = {
    "accuracy": _from_predict(metrics.accuracy_score),
    "balanced_accuracy": _from_predict(metrics.balanced_accuracy_score),
    "f1": _from_predict(metrics.f1_score),
    "f1_macro": _from_predict(lambda y, p: metrics.f1_score(y, p, average="macro")),
    "precision": _from_predict(metrics.precision_score),
    "recall": _from_predict(metrics.recall_score),
    "roc_auc": lambda est, X, y: float(metrics.roc_auc_score(y, _scores_for_auc(est, X))),
    "neg_log_loss": lambda est, X, y: -float(metrics.log_loss(y, est.predict_proba(X))),
    # The R² of RegressorMixin.score, for any estimator with predict (one formula).
    "r2": lambda est, X, y: float(RegressorMixin.score(est, X, y)),
    "neg_mean_squared_error": _from_predict(lambda y, p: -metrics.mean_squared_error(y, p)),
    "neg_root_mean_squared_error": _from_predict(
        lambda y, p: -np.sqrt(metrics.mean_squared_error(y, p))),
    "neg_mean_absolute_error": _from_predict(lambda y, p: -metrics.mean_absolute_error(y, p)),
}


def _default_scorer(est, X, y) -> float:
    return float(est.score(X, y))


def get_scorer(scoring) -> Callable:
    """One scorer from ``None`` (the estimator's ``score``), a name or a callable."""
    if scoring is None:
        return _default_scorer
    if callable(scoring):
        return scoring
    if isinstance(scoring, str) and scoring in SCORERS:
        return SCORERS[scoring]
    raise ValueError(f"scoring: expected None, a callable or one of {sorted(SCORERS)}, "
                     f"got {scoring!r}")


def check_scoring(scoring) -> tuple[dict[str, Callable], bool]:
    """``({name: scorer}, multimetric)``; a single metric is stored under ``"score"``."""
    if isinstance(scoring, (list, tuple, set)):
        if not scoring:
            raise ValueError("scoring: expected at least one metric, got an empty list")
        return {name: get_scorer(name) for name in scoring}, True
    if isinstance(scoring, dict):
        if not scoring:
            raise ValueError("scoring: expected at least one metric, got an empty dict")
        return {name: get_scorer(s) for name, s in scoring.items()}, True
    return {"score": get_scorer(scoring)}, False
