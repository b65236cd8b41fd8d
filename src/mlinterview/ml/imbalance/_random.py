"""Random over- and under-sampling: the rows are original rows, only their counts change."""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_consistent_length,
    check_random_state,
    check_y,
    encode_labels,
)
from mlinterview.ml.base import BaseEstimator
from mlinterview.ml.imbalance._sampling_strategy import check_sampling_strategy


def _check_X_y(X, y, estimator=None) -> tuple[np.ndarray, np.ndarray]:
    """``X`` of shape (n_samples, n_features) (any real dtype, NaN included: rows are only
    copied, as in imbalanced-learn) and class labels ``y`` of shape (n_samples,)."""
    X = as_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X: expected a 2-D array of shape (n_samples, n_features), got "
                         f"shape {X.shape}")
    if X.dtype.kind == "c":
        raise ValueError(f"X: Complex data not supported; expected real numbers, got dtype "
                         f"{X.dtype}")
    if 0 in X.shape:
        raise ValueError(f"X: expected at least one sample and one feature, got shape "
                         f"{X.shape}")
    y = check_y(y, estimator=estimator)
    encode_labels(y)                 # class labels: a continuous target is refused
    check_consistent_length(X=X, y=y)
    return X, y


class _BaseSampler(BaseEstimator):
    _kind = ""

    def fit_resample(self, X, y):
        """Resample ``X`` of shape (n_samples, n_features) and ``y`` of shape (n_samples,).

        Returns ``(X_resampled, y_resampled)``; ``sample_indices_`` gives, for each
        output row, the input row it copies.
        """
        X, y = _check_X_y(X, y, self)
        self.sampling_strategy_ = check_sampling_strategy(self.sampling_strategy, y,
                                                          self._kind)
        idx = self._indices(y, check_random_state(self.random_state))
        self.sample_indices_ = idx
        return X[idx], y[idx]


class RandomOverSampler(_BaseSampler):
    """Add copies of randomly chosen rows (with replacement) to the targeted classes.

    Output order as imbalanced-learn: all input rows first, then, class by class in
    sorted order, the drawn copies.

    Parameters
    ----------
    sampling_strategy : float, str or dict, default="auto" (grow every class but the
        majority to the majority's size); see :func:`check_sampling_strategy`.
    random_state : None, int or np.random.Generator
    """

    _kind = "over-sampling"

    def __init__(self, *, sampling_strategy="auto", random_state=None):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state

    def _indices(self, y, rng):
        parts = [np.arange(y.shape[0])]
        for c, n_add in self.sampling_strategy_.items():
            members = np.flatnonzero(y == c)
            parts.append(members[rng.integers(0, members.size, size=n_add)])
        return np.concatenate(parts)


class RandomUnderSampler(_BaseSampler):
    """Keep a random subset of the rows of the targeted classes (default without
    replacement).

    Output order as imbalanced-learn: class by class in sorted order; an untargeted class
    keeps all its rows in their input order.

    Parameters
    ----------
    sampling_strategy : float, str or dict, default="auto" (shrink every class but the
        minority to the minority's size); see :func:`check_sampling_strategy`.
    random_state : None, int or np.random.Generator
    replacement : bool, default=False
    """

    _kind = "under-sampling"

    def __init__(self, *, sampling_strategy="auto", random_state=None, replacement=False):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.replacement = replacement

    def _indices(self, y, rng):
        parts = []
        for c in np.unique(y):
            members = np.flatnonzero(y == c)
            key = c.item()
            if key in self.sampling_strategy_:
                members = rng.choice(members, size=self.sampling_strategy_[key],
                                     replace=bool(self.replacement))
            parts.append(members)
        return np.concatenate(parts)
