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
    check_predict_X,
    check_random_state,
    check_scalar,
    check_X,
)
from mlinterview.ml.base import BaseEstimator, ClusterMixin, TransformerMixin

__all__ = ["KMeans", "kmeans_plusplus"]


def _sq_distances(X: np.ndarray, centers: np.ndarray, x_sq: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances (n_samples, n_centers) as |x|^2 - 2 x.c + |c|^2: one
    matrix product (BLAS) instead of an (n, k, d) difference array. Clipped at 0 because
    the expansion can round to a tiny negative number for a point sitting on a centre."""
    d = X @ (-2.0 * centers.T)    # in place from here: no extra (n, k) temporaries
    d += x_sq[:, None]
    d += (centers * centers).sum(axis=1)
    return np.maximum(d, 0.0, out=d)


def _candidate_sq_distances(X: np.ndarray, rows: np.ndarray, x_sq: np.ndarray) -> np.ndarray:
    """Squared distances from the rows ``X[rows]`` (m of them) to every row of ``X``, shape
    ``(m, n)``: one row per candidate, so that the sums over ``n`` read contiguous memory and
    no transposed copy is needed. Same expansion as :func:`_sq_distances`, in place."""
    d = (-2.0 * X[rows]) @ X.T    # the factor on the small operand: one pass fewer
    d += x_sq
    d += x_sq[rows][:, None]
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
    X = check_X(X, "X")
    check_scalar(n_clusters, "n_clusters", numbers.Integral, lo=1, hi=X.shape[0])
    return _kmeans_plusplus(X, n_clusters, check_random_state(random_state), n_local_trials)


def _kmeans_plusplus(X, n_clusters, rng, n_local_trials=None):
    """:func:`kmeans_plusplus` on an ``X`` already validated (``fit`` checks it once)."""
    n = X.shape[0]
    trials = 2 + int(np.log(n_clusters)) if n_local_trials is None else n_local_trials
    x_sq = (X * X).sum(axis=1)
    indices = np.empty(n_clusters, dtype=np.intp)
    indices[0] = rng.integers(n)
    closest = _candidate_sq_distances(X, indices[:1], x_sq)[0]
    potential = closest.sum()
    for c in range(1, n_clusters):
        # Sample candidates by inverting the cumulative distribution of D(x)^2.
        draws = rng.random(trials) * potential
        candidates = np.minimum(np.searchsorted(np.cumsum(closest), draws), n - 1)
        # Only the candidates' distances are new: fold them into the running minimum.
        dist = _candidate_sq_distances(X, candidates, x_sq)
        np.minimum(dist, closest, out=dist)
        pots = dist.sum(axis=1)
        best = int(np.argmin(pots))
        indices[c], closest, potential = candidates[best], dist[best], pots[best]
    return X[indices].copy(), indices


# Rows per block: a block of X, its scores and its one-hot matrix stay in the L2 cache
# (measured on 200,000 x 32, k=16: 512-2048 rows equally fast, larger blocks slower).
_CHUNK = 1024


def _assign(Xa: np.ndarray, centers: np.ndarray, labels: np.ndarray) -> None:
    """Nearest centre of every row, written into ``labels`` ``(n,)``.

    ``Xa`` is the data with a column of ones appended, shape ``(n, d + 1)``; ``centers`` is
    ``(k, d)``. The nearest centre maximises ``x·c - ½|c|²``, which is ``-½|x - c|²``
    without the ``|x|²`` term shared by every centre (scikit-learn drops it too). Thanks to
    the ones column a single matrix product ``Xa @ [Cᵀ; -½|c|²]`` gives these scores; it
    runs block by block so that the scores never leave the cache before ``argmax`` reads
    them.
    """
    n, (k, d) = Xa.shape[0], centers.shape
    weights = np.empty((d + 1, k))
    weights[:d] = centers.T
    weights[d] = -0.5 * (centers * centers).sum(axis=1)
    scores = np.empty((_CHUNK, k))      # one buffer reused by every block
    for start in range(0, n, _CHUNK):   # a loop over blocks of rows, not over rows
        block = Xa[start:start + _CHUNK]
        block_scores = np.matmul(block, weights, out=scores[:block.shape[0]])
        # argmax keeps the first best centre on ties, like scikit-learn's argmin.
        block_scores.argmax(axis=1, out=labels[start:start + block.shape[0]])


def _cluster_totals(Xa: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Per-cluster sums of the rows of ``Xa`` ``(m, d + 1)``, shape ``(k, d + 1)``: the
    product ``onehot(labels) @ Xa``, one BLAS call per block of rows. The last column of
    ``Xa`` is ones, so the last column of the result counts the rows of each cluster."""
    cluster_ids = np.arange(k)[:, None]
    onehot = np.empty((k, _CHUNK))
    totals = np.zeros((k, Xa.shape[1]))
    for start in range(0, Xa.shape[0], _CHUNK):
        block = Xa[start:start + _CHUNK]
        block_onehot = np.equal(labels[start:start + block.shape[0]], cluster_ids,
                                out=onehot[:, :block.shape[0]])   # 1.0 where the row belongs
        totals += block_onehot @ block
    return totals


def _inertia(X: np.ndarray, centers: np.ndarray, labels: np.ndarray) -> float:
    """Sum of squared distances from each row of ``X`` (n, d) to its centre, by blocks so
    that no (n, d) temporary is allocated. Differences, not the |x|² - 2x·c + |c|²
    expansion, because here the exact value matters, not only which centre is closest."""
    total = 0.0
    for start in range(0, X.shape[0], 8 * _CHUNK):
        diff = X[start:start + 8 * _CHUNK] - centers[labels[start:start + 8 * _CHUNK]]
        total += float(np.einsum("ij,ij->", diff, diff))
    return total


def _lloyd(Xa, centers, max_iter, tol):
    """One run of Lloyd's algorithm from ``centers`` (k, d) on ``Xa`` (n, d + 1), the data
    with a column of ones; returns labels, inertia, centers, number of iterations.

    The cluster sums and counts (``totals``, shape (k, d + 1)) are kept from one iteration
    to the next and only the rows whose label changed update them: after the first few
    iterations, a fraction of a percent of the points move, so this costs far less than
    summing all n rows again. When many rows move, summing afresh is cheaper.
    """
    X = Xa[:, :-1]
    n, k = X.shape[0], centers.shape[0]
    labels, labels_old = np.empty(n, dtype=np.intp), np.full(n, -1, dtype=np.intp)
    totals = None
    strict = False
    for it in range(1, max_iter + 1):  # noqa: B007 (it is returned after the loop)
        _assign(Xa, centers, labels)
        moved = np.flatnonzero(labels != labels_old)
        if totals is None or moved.size > n // 4:
            totals = _cluster_totals(Xa, labels, k)
        elif moved.size:
            # A moved row leaves its old cluster and joins its new one.
            rows = Xa[moved]
            totals += _cluster_totals(rows, labels[moved], k)
            totals -= _cluster_totals(rows, labels_old[moved], k)
        sums, counts = totals[:, :-1], totals[:, -1]
        empty = np.flatnonzero(counts == 0)
        if empty.size:
            # On copies: the running totals must keep matching the labels.
            sums, counts = sums.copy(), counts.copy()
            _relocate_empty(X, centers, labels, sums, counts, empty)
        new_centers = _average(sums, counts)
        shift = ((new_centers - centers) ** 2).sum()
        centers = new_centers
        if moved.size == 0:
            strict = True
            break
        if shift <= tol:
            break
        labels, labels_old = labels_old, labels   # reuse the two label buffers
    if not strict:
        # The centres moved after the last assignment: re-assign so labels match them.
        _assign(Xa, centers, labels)
    return labels, _inertia(X, centers, labels), centers, it


def _relocate_empty(X, centers, labels, sums, counts, empty):
    """Re-seed each empty cluster with one of the points farthest from its centre, taking
    that point out of its old cluster (as scikit-learn does). Updates ``sums`` and
    ``counts`` in place. If every point sits on its centre (fewer distinct points than
    clusters) there is nothing better to do, and the clusters stay empty."""
    dist = ((X - centers[labels]) ** 2).sum(axis=1)
    if dist.max() == 0:
        return
    far = np.argsort(dist)[::-1][: empty.size]
    for new_c, i in zip(empty, far, strict=True):
        old_c = labels[i]
        sums[old_c] -= X[i]
        counts[old_c] -= 1
        sums[new_c] = X[i]
        counts[new_c] = 1


def _average(sums, counts):
    """Centres as the means ``sums / counts``; a cluster left empty takes the centre of
    the largest one, as scikit-learn does, rather than dividing by zero."""
    centers = sums * (1.0 / np.maximum(counts, 1))[:, None]
    empty = counts == 0
    if empty.any():
        centers[empty] = centers[np.argmax(counts)]
    return centers


class KMeans(ClusterMixin, TransformerMixin, BaseEstimator):
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
                # X was validated by fit: skip the second full pass of checks.
                return _kmeans_plusplus(X, self.n_clusters, rng)[0]
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
        X = check_X(X, "X").astype(np.float64, copy=False)   # no copy: X is only read
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
        # Centre the data: the x.c - |c|^2/2 scores are then far more accurate. The centred
        # copy carries a column of ones so that one matrix product gives the scores and
        # another the cluster sums and counts (see _assign and _cluster_totals).
        mean = X.mean(axis=0)
        Xa = np.empty((X.shape[0], X.shape[1] + 1))
        Xc = Xa[:, :-1]
        np.subtract(X, mean, out=Xc)
        Xa[:, -1] = 1.0
        # scikit-learn's tolerance, tol * mean(var(X, axis=0)); the variances come from the
        # centred copy, which saves np.var a second pass and an (n, d) temporary.
        tol = float(np.einsum("ij,ij->", Xc, Xc) / Xc.size * self.tol)
        best = None
        for _ in range(n_init):
            centers = self._initial_centers(X, rng) - mean
            run = _lloyd(Xa, centers, self.max_iter, tol)
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
        return check_predict_X(self, X, ["cluster_centers_"]).astype(np.float64, copy=False)

    def transform(self, X):
        """Euclidean distances to every centre, shape (n_samples, n_clusters)."""
        X = self._check_X(X)
        return np.sqrt(_sq_distances(X, self.cluster_centers_, (X * X).sum(axis=1)))

    def predict(self, X):
        """Index of the closest centre for each row, shape (n_samples,)."""
        X = self._check_X(X)
        return np.argmin(_sq_distances(X, self.cluster_centers_, (X * X).sum(axis=1)), axis=1)

    def score(self, X, y=None) -> float:
        """Minus the inertia of ``X`` under the fitted centres (higher is better)."""
        X = self._check_X(X)
        return -float(((X - self.cluster_centers_[self.predict(X)]) ** 2).sum())
