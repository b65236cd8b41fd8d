"""k-means by Lloyd's algorithm, seeded with greedy k-means++ (Arthur & Vassilvitskii 2007).

Lloyd alternates two steps that each lower the inertia (the sum of squared distances from
points to their centre): assign every point to its nearest centre, then move every centre
to the mean of its points. It stops when no label changes or the centres move less than
``tol`` (scaled by the data's variance, as scikit-learn does). The result is a local
minimum, so ``n_init`` restarts keep the best one.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_array,
    check_is_fitted,
    check_random_state,
    check_scalar,
)
from mlinterview.ml.base import BaseEstimator, TransformerMixin

__all__ = ["KMeans", "kmeans_plusplus"]


def _sq_distances(X: np.ndarray, centers: np.ndarray, x_sq: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances (n_samples, n_centers) as |x|^2 - 2 x.c + |c|^2: one
    matrix product (BLAS) instead of an (n, k, d) difference array. Clipped at 0 because
    the expansion can round to a tiny negative number for a point sitting on a centre."""
    d = x_sq[:, None] - 2.0 * (X @ centers.T) + (centers * centers).sum(axis=1)
    return np.maximum(d, 0.0, out=d)


def kmeans_plusplus(X, n_clusters: int, *, random_state=None, n_local_trials: int | None = None):
    """Greedy k-means++ seeding.

    The first centre is a uniformly random point; each next one is drawn with probability
    proportional to the squared distance to the closest centre chosen so far (far points
    are likely). The greedy variant draws ``2 + log(k)`` candidates per step and keeps the
    one that lowers the total squared distance the most.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,), the rows of ``X`` chosen.
    """
    X = check_array(X, "X")
    check_scalar(n_clusters, "n_clusters", numbers.Integral, lo=1, hi=X.shape[0])
    rng = check_random_state(random_state)
    n = X.shape[0]
    trials = 2 + int(np.log(n_clusters)) if n_local_trials is None else n_local_trials
    x_sq = (X * X).sum(axis=1)
    indices = np.empty(n_clusters, dtype=np.intp)
    indices[0] = rng.integers(n)
    closest = _sq_distances(X, X[indices[:1]], x_sq)[:, 0]
    potential = closest.sum()
    for c in range(1, n_clusters):
        # Sample candidates by inverting the cumulative distribution of D(x)^2.
        draws = rng.random(trials) * potential
        candidates = np.minimum(np.searchsorted(np.cumsum(closest), draws), n - 1)
        dist = np.minimum(closest, _sq_distances(X, X[candidates], x_sq).T)  # (trials, n)
        pots = dist.sum(axis=1)
        best = int(np.argmin(pots))
        indices[c], closest, potential = candidates[best], dist[best], pots[best]
    return X[indices].copy(), indices


_CHUNK = 8192   # rows per block: the (chunk, k) score block stays in cache


def _assign_and_sum(X: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centre of every row and the per-cluster sums of the rows, in one pass.

    The nearest centre minimises ``|c|² - 2 x·c`` (``|x|²`` is the same for every centre,
    so it is left out, as scikit-learn does). Per block of rows: one matrix product for
    the scores, and one for the sums, ``onehot(labels)ᵀ X`` (shape ``(k, d)``), instead of
    sorting and gathering the rows. Returns ``labels (n,)`` and ``sums (k, d)``.
    """
    n, k = X.shape[0], centers.shape[0]
    c_sq = (centers * centers).sum(axis=1)
    ct = np.ascontiguousarray(centers.T)
    labels = np.empty(n, dtype=np.intp)
    sums = np.zeros((k, X.shape[1]))
    for start in range(0, n, _CHUNK):      # a loop over blocks of rows, not over rows
        block = X[start:start + _CHUNK]
        scores = block @ ct
        scores *= -2.0
        scores += c_sq
        lab = scores.argmin(axis=1)
        labels[start:start + _CHUNK] = lab
        onehot = np.zeros((len(block), k))
        onehot[np.arange(len(block)), lab] = 1.0
        sums += onehot.T @ block
    return labels, sums


def _lloyd(X, x_sq, centers, max_iter, tol):
    """One run of Lloyd's algorithm from ``centers``; returns labels, inertia, centers,
    number of iterations."""
    n, k = X.shape[0], centers.shape[0]
    labels_old = np.full(n, -1)
    strict = False
    for it in range(1, max_iter + 1):  # noqa: B007 (it is returned after the loop)
        labels, sums = _assign_and_sum(X, centers)
        counts = np.bincount(labels, minlength=k).astype(np.float64)
        empty = np.flatnonzero(counts == 0)
        if empty.size:
            # Re-seed each empty cluster with one of the points farthest from its centre,
            # taking that point out of its old cluster (scikit-learn does the same).
            d = _sq_distances(X, centers, x_sq)
            far = np.argsort(d[np.arange(n), labels])[::-1][: empty.size]
            for new_c, i in zip(empty, far, strict=True):
                old_c = labels[i]
                sums[old_c] -= X[i]
                counts[old_c] -= 1
                sums[new_c] = X[i]
                counts[new_c] = 1
        new_centers = sums / counts[:, None]
        shift = ((new_centers - centers) ** 2).sum()
        centers = new_centers
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if shift <= tol:
            break
        labels_old = labels
    if not strict:
        # The centres moved after the last assignment: re-assign so labels match them.
        labels = _assign_and_sum(X, centers)[0]
    inertia = float(((X - centers[labels]) ** 2).sum())
    return labels, inertia, centers, it


class KMeans(TransformerMixin, BaseEstimator):
    """k-means clustering (Lloyd's algorithm), with scikit-learn's parameters.

    Parameters
    ----------
    n_clusters : int, default 8
    init : {"k-means++", "random"} or array of shape (n_clusters, n_features)
        "random" picks ``n_clusters`` distinct rows of X.
    n_init : int or "auto", default "auto"
        Restarts (the lowest inertia wins); "auto" is 1 for k-means++ or an array, 10 for
        "random".
    max_iter : int, default 300
    tol : float, default 1e-4
        Stop when the total squared centre shift is below ``tol * mean(var(X, axis=0))``.
    random_state : None, int or np.random.Generator

    Attributes
    ----------
    cluster_centers_ : (n_clusters, n_features); labels_ : (n_samples,);
    inertia_ : float, sum of squared distances to the closest centre; n_iter_ : int;
    n_features_in_ : int.
    """

    def __init__(self, n_clusters: int = 8, *, init="k-means++", n_init="auto",
                 max_iter: int = 300, tol: float = 1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _initial_centers(self, X, rng):
        if isinstance(self.init, str):
            if self.init == "k-means++":
                return kmeans_plusplus(X, self.n_clusters, random_state=rng)[0]
            if self.init == "random":
                return X[rng.choice(X.shape[0], self.n_clusters, replace=False)].copy()
            raise ValueError(f"init: expected 'k-means++', 'random' or an array, got "
                             f"{self.init!r}")
        centers = check_array(as_array(self.init, "init"), "init")
        if centers.shape != (self.n_clusters, X.shape[1]):
            raise ValueError(f"init: expected shape ({self.n_clusters}, {X.shape[1]}), got "
                             f"{centers.shape}")
        return centers.astype(np.float64)

    def fit(self, X, y=None):
        """Cluster ``X`` of shape (n_samples, n_features); returns ``self``."""
        X = check_array(X, "X").astype(np.float64)
        check_scalar(self.n_clusters, "n_clusters", numbers.Integral, lo=1)
        if X.shape[0] < self.n_clusters:
            raise ValueError(f"X: expected at least n_clusters={self.n_clusters} samples, "
                             f"got {X.shape[0]}")
        check_scalar(self.max_iter, "max_iter", numbers.Integral, lo=1)
        check_scalar(self.tol, "tol", lo=0.0)
        if self.n_init == "auto":
            n_init = 10 if isinstance(self.init, str) and self.init == "random" else 1
        else:
            n_init = check_scalar(self.n_init, "n_init", numbers.Integral, lo=1)
        rng = check_random_state(self.random_state)
        # Centre the data: the |x|^2 - 2x.c + |c|^2 expansion is then far more accurate.
        mean = X.mean(axis=0)
        Xc = X - mean
        x_sq = (Xc * Xc).sum(axis=1)
        tol = float(np.mean(X.var(axis=0)) * self.tol)
        best = None
        for _ in range(n_init):
            centers = self._initial_centers(Xc + mean, rng) - mean
            run = _lloyd(Xc, x_sq, centers, self.max_iter, tol)
            if best is None or run[1] < best[1]:
                best = run
        labels, inertia, centers, n_iter = best
        self.cluster_centers_ = centers + mean
        self.labels_ = labels
        self.inertia_ = inertia
        self.n_iter_ = n_iter
        self.n_features_in_ = X.shape[1]
        return self

    def _check_X(self, X):
        check_is_fitted(self, ["cluster_centers_"])
        X = check_array(X, "X").astype(np.float64)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X: expected {self.n_features_in_} features (as in fit), got "
                             f"{X.shape[1]}")
        return X

    def transform(self, X):
        """Euclidean distances to every centre, shape (n_samples, n_clusters)."""
        X = self._check_X(X)
        return np.sqrt(_sq_distances(X, self.cluster_centers_, (X * X).sum(axis=1)))

    def predict(self, X):
        """Index of the closest centre for each row, shape (n_samples,)."""
        X = self._check_X(X)
        return np.argmin(_sq_distances(X, self.cluster_centers_, (X * X).sum(axis=1)), axis=1)

    def fit_predict(self, X, y=None):
        """Fit, then return ``labels_``."""
        return self.fit(X).labels_

    def score(self, X, y=None) -> float:
        """Minus the inertia of ``X`` under the fitted centres (higher is better)."""
        X = self._check_X(X)
        return -float(((X - self.cluster_centers_[self.predict(X)]) ** 2).sum())
