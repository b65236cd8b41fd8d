"""SMOTE: new minority points on segments between a minority point and a minority
neighbour, ``x_new = x_i + u * (x_nn - x_i)`` with ``u ~ U[0, 1)``.

The neighbour search is exact brute force on a blocked distance matrix: rows of the query
set are processed ``block`` at a time, so memory stays ``O(block * n_fit)`` whatever the
class size.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import check_array, check_random_state, check_scalar
from mlinterview.ml.imbalance._random import _BaseSampler, _check_X_y
from mlinterview.ml.imbalance._sampling_strategy import check_sampling_strategy


def kneighbors(X: np.ndarray, n_neighbors: int, *, block: int = 2048) -> np.ndarray:
    """Indices of the ``n_neighbors`` nearest other rows of ``X`` (Euclidean), nearest
    first; shape (n_samples, n_neighbors). A row is never its own neighbour.

    Squared distances are expanded as ``|a|² - 2 a·b + |b|²`` (one matrix product per
    block); ``argpartition`` then ``argsort`` of the ``k`` kept columns sorts only those.
    """
    X = check_array(X, "X")
    n = X.shape[0]
    check_scalar(n_neighbors, "n_neighbors", numbers.Integral, lo=1)
    if n_neighbors > n - 1:
        raise ValueError(f"n_neighbors: expected at most n_samples - 1 = {n - 1}, got "
                         f"{n_neighbors}")
    Xf = X.astype(np.float64, copy=False)
    sq = np.einsum("ij,ij->i", Xf, Xf)
    out = np.empty((n, n_neighbors), dtype=np.intp)
    for start in range(0, n, block):
        stop = min(start + block, n)
        d = sq[start:stop, None] - 2.0 * (Xf[start:stop] @ Xf.T) + sq[None, :]
        rows = np.arange(stop - start)
        d[rows, rows + start] = np.inf        # exclude the point itself
        part = np.argpartition(d, n_neighbors - 1, axis=1)[:, :n_neighbors]
        order = np.argsort(np.take_along_axis(d, part, axis=1), axis=1, kind="stable")
        out[start:stop] = np.take_along_axis(part, order, axis=1)
    return out


class SMOTE(_BaseSampler):
    """Synthetic Minority Over-sampling TEchnique (Chawla et al., 2002).

    For each new row: pick a random minority row ``x_i`` and one of its ``k_neighbors``
    nearest rows **of the same class** ``x_nn`` uniformly, and return
    ``x_i + u * (x_nn - x_i)``, ``u ~ U[0, 1)``. Output order as imbalanced-learn: all
    input rows, then the synthetic rows class by class in sorted order.

    Parameters
    ----------
    sampling_strategy : float, str or dict, default="auto"; see
        :func:`check_sampling_strategy`.
    random_state : None, int or np.random.Generator
    k_neighbors : int, default=5

    Attributes
    ----------
    sampling_strategy_ : dict, rows added per class.
    """

    _kind = "over-sampling"

    def __init__(self, *, sampling_strategy="auto", random_state=None, k_neighbors=5):
        self.sampling_strategy = sampling_strategy
        self.random_state = random_state
        self.k_neighbors = k_neighbors

    def fit_resample(self, X, y):
        """``(X_resampled, y_resampled)``: ``X`` of shape (n_samples, n_features) numeric,
        ``y`` of shape (n_samples,); the synthetic rows keep ``X``'s float dtype."""
        X, y = _check_X_y(X, y)
        X = check_array(X, "X")
        k = check_scalar(self.k_neighbors, "k_neighbors", numbers.Integral, lo=1)
        self.sampling_strategy_ = check_sampling_strategy(self.sampling_strategy, y,
                                                          self._kind)
        rng = check_random_state(self.random_state)
        X_parts, y_parts = [X], [y]
        for c, n_new in self.sampling_strategy_.items():
            if n_new == 0:
                continue
            Xc = X[y == c]
            if Xc.shape[0] <= k:
                raise ValueError(f"k_neighbors: class {c!r} has {Xc.shape[0]} rows, so at "
                                 f"most {Xc.shape[0] - 1} neighbours exist; got "
                                 f"k_neighbors={k}")
            nn = kneighbors(Xc, k)
            pick = rng.integers(0, nn.size, size=n_new)   # a (row, neighbour) pair
            rows, cols = np.divmod(pick, k)
            steps = rng.random(n_new)[:, None]
            base = Xc[rows]
            new = base + steps * (Xc[nn[rows, cols]] - base)
            X_parts.append(new.astype(X.dtype, copy=False))
            y_parts.append(np.full(n_new, c, dtype=y.dtype))
        return np.concatenate(X_parts), np.concatenate(y_parts)
