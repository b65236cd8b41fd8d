"""Helpers shared by the ensembles: parameter checks, per-member seeds, parallel fits."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable

import numpy as np

from mlinterview.ml._validation import (
    check_n_jobs,
    check_sample_weight,
    check_scalar,
    check_X_y,
    encode_labels,
)

MAX_SEED = np.iinfo(np.int32).max


def check_n_estimators(n_estimators: object) -> int:
    """``n_estimators`` must be an int >= 1."""
    check_scalar(n_estimators, "n_estimators", numbers.Integral, lo=1)
    return int(n_estimators)


def member_seeds(rng: np.random.Generator, n: int) -> np.ndarray:
    """One integer seed per member, drawn up front so results do not depend on ``n_jobs``."""
    return rng.integers(0, MAX_SEED, size=n)


def check_classification_data(X, y, sample_weight, estimator=None):
    """Validated ``X (n, p)``, class codes ``(n,)``, ``classes_`` and weights (or None).

    Raises ``ValueError`` naming ``X``/``y``/``sample_weight``; a single class is refused,
    and so are weights that are all zero.
    """
    X, y = check_X_y(X, y, estimator=estimator)
    classes, codes = encode_labels(y, min_classes=2)
    w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
    return X, codes, classes, None if w is None else w.astype(np.float64)


def check_regression_data(X, y, sample_weight, estimator=None):
    """Validated ``X (n, p)``, float targets ``(n,)`` and weights (or None, never all 0)."""
    X, y = check_X_y(X, y, estimator=estimator, y_numeric=True)
    w = check_sample_weight(sample_weight, len(y), allow_all_zero=False)
    return X, y, None if w is None else w.astype(np.float64)


def parallel_map(fn: Callable, items: Iterable, n_jobs: object) -> list:
    """``[fn(item) for item in items]``, in ``n_jobs`` threads when > 1.

    Threads, as scikit-learn's forests use: the tree builder spends most of its time in
    NumPy calls on whole arrays, which release the GIL, and threads share ``X`` without
    the start-up and copying cost of worker processes (which measured slower here).
    joblib is imported only here, only when parallelism is asked for.
    """
    n_jobs = check_n_jobs(n_jobs)
    items = list(items)
    if n_jobs == 1 or len(items) <= 1:
        return [fn(item) for item in items]
    try:
        from joblib import Parallel, delayed
    except ImportError:                      # pragma: no cover - joblib ships with the dev env
        raise ImportError("n_jobs > 1 needs joblib (pip install joblib); or use n_jobs=1") \
            from None
    return Parallel(n_jobs=n_jobs, prefer="threads")(delayed(fn)(item) for item in items)


def bootstrap_counts(rng: np.random.Generator, n_samples: int, n_draws: int) -> np.ndarray:
    """How often each of ``n_samples`` rows is drawn in ``n_draws`` draws with
    replacement: shape ``(n_samples,)``. Rows with count 0 are out of bag."""
    return np.bincount(rng.integers(0, n_samples, n_draws), minlength=n_samples)


def resolve_max_samples(max_samples, n_samples: int) -> int:
    """Draws per bootstrap: ``None`` = ``n_samples``, an int, or a fraction in (0, 1]."""
    if max_samples is None:
        return n_samples
    if isinstance(max_samples, numbers.Integral) and not isinstance(max_samples, bool):
        check_scalar(max_samples, "max_samples", numbers.Integral, lo=1)
        return int(max_samples)
    check_scalar(max_samples, "max_samples", numbers.Real, lo=0.0, hi=1.0, include_lo=False)
    return max(1, round(max_samples * n_samples))
