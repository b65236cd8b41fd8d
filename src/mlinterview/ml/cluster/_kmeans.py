"""k-means by Lloyd's algorithm, seeded with greedy k-means++ (Arthur & Vassilvitskii 2007).

Lloyd alternates two steps that each lower the inertia (the sum of squared distances from
points to their centre): assign every point to its nearest centre, then move every centre
to the mean of its points. It stops when no label changes or the centres move less than
``tol`` (scaled by the data's variance, as scikit-learn does). The result is a local
minimum, so ``n_init`` restarts keep the best one.

The assignment step is written twice: :class:`_EveryPoint` scores every point against
every centre (the textbook step, read it first), and :class:`_Hamerly` skips the points
whose bounds prove that their nearest centre did not change (Hamerly 2010), which after
the first iterations is most of them. Both give the same labels; ``fit`` uses the second
on larger data.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import (
    as_array,
    check_array,
    check_predict_X,
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
    ``(m, n)``: one row per candidate, so that the sums over ``n`` read contiguous memory.
    Same expansion as :func:`_sq_distances`, in place, with the terms added in
    scikit-learn's order, so that rounding does not make the picks differ from its own."""
    # The factor -2 on the small operand: one pass fewer. The product is taken as (n, m),
    # the shape BLAS runs ~2.5x faster (a long operand against a few columns), then
    # copied once into the (m, n) layout.
    d = np.ascontiguousarray((X @ (-2.0 * X[rows]).T).T)
    d += x_sq[rows][:, None]
    d += x_sq
    return np.maximum(d, 0.0, out=d)


def _random_state(seed):
    """The generator the seeding draws from: ``np.random.RandomState`` for ``None`` or an
    int, as scikit-learn uses, so that the same seed picks the same initial centres (and
    from there the same clustering); a RandomState or a ``np.random.Generator`` is used
    as given (both have the ``choice`` and ``uniform`` the seeding calls)."""
    if isinstance(seed, np.random.RandomState | np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        return np.random.RandomState(seed)
    raise TypeError(f"random_state: expected None, an int, a np.random.RandomState or a "
                    f"np.random.Generator, got {type(seed).__name__}")


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
    return _kmeans_plusplus(X, n_clusters, _random_state(random_state), n_local_trials)


def _kmeans_plusplus(X, n_clusters, rng, n_local_trials=None):
    """:func:`kmeans_plusplus` on an ``X`` already validated (``fit`` checks it once)."""
    n = X.shape[0]
    trials = 2 + int(np.log(n_clusters)) if n_local_trials is None else n_local_trials
    x_sq = np.einsum("ij,ij->i", X, X)
    indices = np.empty(n_clusters, dtype=np.intp)
    # The draws are scikit-learn's, call for call: a uniform pick among the rows (choice
    # with equal weights), then uniforms scaled by the potential.
    indices[0] = rng.choice(n, p=np.full(n, 1.0 / n))
    closest = _candidate_sq_distances(X, indices[:1], x_sq)[0]
    potential = closest.sum()
    for c in range(1, n_clusters):
        # Sample candidates by inverting the cumulative distribution of D(x)^2.
        draws = rng.uniform(size=trials) * potential
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


class _EveryPoint:
    """The textbook assignment step: the nearest centre of every point, every iteration.

    Called with the current ``centers`` (k, d) and ``labels`` (n,), it writes the new
    labels into ``labels`` and returns the rows whose label changed and their old labels
    (the Lloyd loop updates the cluster sums from those rows only).
    """

    def __init__(self, Xa: np.ndarray, n_clusters: int):
        self.Xa = Xa
        self.new = np.empty(Xa.shape[0], dtype=np.intp)

    def __call__(self, centers, labels):
        _assign(self.Xa, centers, self.new)
        moved = np.flatnonzero(self.new != labels)
        old = labels[moved]
        labels[moved] = self.new[moved]
        return moved, old


class _Hamerly:
    """The same assignment step, skipping the points whose nearest centre provably did not
    change (Hamerly 2010, "Making k-means even faster"). The labels are those of
    :class:`_EveryPoint`; only the work differs.

    Each point keeps an upper bound ``upper`` on the distance to its own centre and a lower
    bound ``lower`` on the distance to every other centre. When the centres move, the
    triangle inequality keeps the bounds valid without computing any distance: ``upper``
    grows by how far the point's centre moved, ``lower`` shrinks by the largest move.
    Another centre is also at least ``gap - upper`` away, where ``gap`` is the distance from
    the point's centre to the nearest other centre. A point whose ``upper`` is below one of
    these lower bounds keeps its label; only the others are scored as :func:`_assign`
    scores every point, and get fresh bounds. Once the clusters settle, that is a small
    fraction of the points.

    The bounds come from rounded arithmetic, so they are widened by margins that cover the
    rounding error of the scores (``(d + 2)`` units in the last place of ``|x|² + |c|²``;
    Higham, *Accuracy and Stability of Numerical Algorithms*, 3.1) and of the bounds: a
    point is skipped only when its label is certain, and near a tie it is scored exactly
    as the textbook step would score it.
    """

    def __init__(self, Xa: np.ndarray, n_clusters: int):
        n, d = Xa.shape[0], Xa.shape[1] - 1
        self.Xa = Xa
        self.x_sq = np.einsum("ij,ij->i", Xa[:, :-1], Xa[:, :-1])
        self.x_max = float(self.x_sq.max())
        self.rounding = 4 * (d + 2) * np.finfo(np.float64).eps
        self.upper = np.empty(n)
        self.lower = np.empty(n)
        self.centers = None                 # the centres at the previous call
        # Buffers reused by every block (fresh arrays this size cost page faults).
        self.rows = np.empty((_CHUNK, d + 1))
        self.scores = np.empty((_CHUNK, n_clusters))
        self.best = np.empty(_CHUNK, dtype=np.intp)
        self.transposed = np.empty((n_clusters, _CHUNK))

    def __call__(self, centers, labels):
        c_sq = (centers * centers).sum(axis=1)
        # kappa (squared distance) bounds the rounding of |x|² - 2 score; alpha (distance)
        # the rounding of the bounds, with a wide safety factor. Both are ~1e-9 of the
        # data's scale: they change which points are skipped, never a label.
        kappa = self.rounding * (self.x_max + c_sq.max())
        alpha = 1e-9 * (np.sqrt(self.x_max) + np.sqrt(c_sq.max()))
        margin = np.sqrt(kappa) + 3 * alpha
        if self.centers is None:            # no bounds yet: score every point
            unsure = None
        else:
            moves = np.sqrt(((centers - self.centers) ** 2).sum(axis=1))
            self.upper += moves[labels]
            self.lower -= moves.max()
            between = np.sqrt(((centers[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2))
            np.fill_diagonal(between, np.inf)
            gap = between.min(axis=1)       # from each centre to the nearest other one
            # Sure: the nearest other centre is farther than the own one, by the margin:
            # upper + margin < lower, or upper + margin < gap - upper.
            threshold = np.maximum(self.lower - margin, (0.5 * (gap - margin))[labels])
            unsure = np.flatnonzero(self.upper >= threshold)
        self.centers = centers.copy()
        weights = np.vstack([centers.T, -0.5 * c_sq])
        moved, old = [], []
        for rows, block in self._blocks(unsure):
            new = self._score(block, rows, weights, kappa)
            changed = np.flatnonzero(new != labels[rows])
            moved.append(rows[changed])
            old.append(labels[rows[changed]])
            labels[rows] = new
        if not moved:
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
        moved, old = np.concatenate(moved), np.concatenate(old)
        # In row order, as the textbook step finds them: the cluster sums then add the
        # moved rows in the same order, to the last bit.
        order = np.argsort(moved)
        return moved[order], old[order]

    def _blocks(self, unsure):
        """The rows to score, as ``(rows, Xa[rows])`` pairs of at most ``_CHUNK`` rows.

        A block of consecutive rows with many unsure points (all of them at the first call,
        ``unsure`` None) is scored whole, as a view of ``Xa``: copying its scattered rows
        would cost more than scoring the sure ones too (which only refreshes their
        bounds). The unsure points of the other blocks are gathered into a buffer.
        """
        n = self.Xa.shape[0]
        if unsure is None:
            busy = np.ones(-(-n // _CHUNK), dtype=bool)
            scattered = unsure
        else:
            busy = np.bincount(unsure // _CHUNK, minlength=-(-n // _CHUNK)) > _CHUNK // 4
            scattered = unsure[~busy[unsure // _CHUNK]]
        for start in np.flatnonzero(busy) * _CHUNK:
            yield np.arange(start, min(start + _CHUNK, n)), self.Xa[start:start + _CHUNK]
        for start in range(0, 0 if scattered is None else scattered.size, _CHUNK):
            rows = scattered[start:start + _CHUNK]
            yield rows, np.take(self.Xa, rows, axis=0, out=self.rows[:rows.size])

    def _score(self, block, rows, weights, kappa):
        """Labels of ``block`` (the rows ``rows`` of ``Xa``) by the scores of
        :func:`_assign`, and their fresh bounds."""
        m = rows.size
        scores = np.matmul(block, weights, out=self.scores[:m])     # (m, k), as in _assign
        best = scores.argmax(axis=1, out=self.best[:m])
        at = np.arange(m)
        x_sq = self.x_sq[rows]
        # Squared distance = |x|² - 2 score, give or take kappa: widen each bound by it.
        self.upper[rows] = np.sqrt(np.maximum(x_sq - 2 * scores[at, best], 0.0) + kappa)
        if scores.shape[1] == 1:
            self.lower[rows] = np.inf       # a single centre: there is no other one
        else:
            scores[at, best] = -np.inf
            # The runner-up: a max over the k rows of the transposed scores runs along
            # contiguous memory, several times faster than a max along each short row.
            transposed = self.transposed[:, :m]
            np.copyto(transposed, scores.T)
            second = transposed.max(axis=0)
            self.lower[rows] = np.sqrt(np.maximum(x_sq - 2 * second - kappa, 0.0))
        return best.copy()


# From this many samples on, fit skips points by Hamerly's bounds (measured on blobs: below
# it, the per-iteration bookkeeping costs more than the distances it saves).
_BOUNDS_MIN_SAMPLES = 20_000


def _lloyd(Xa, centers, max_iter, tol, assignment=_Hamerly):
    """One run of Lloyd's algorithm from ``centers`` (k, d) on ``Xa`` (n, d + 1), the data
    with a column of ones; returns labels, inertia, centers, number of iterations.

    ``assignment`` is the class that carries out the assignment step (see
    :data:`ASSIGNMENTS`). The cluster sums and counts (``totals``, shape (k, d + 1)) are
    kept from one iteration to the next and only the rows whose label changed update them:
    after the first few iterations, a fraction of a percent of the points move, so this
    costs far less than summing all n rows again. When many rows move, summing afresh is
    cheaper.
    """
    X = Xa[:, :-1]
    n, k = X.shape[0], centers.shape[0]
    labels = np.full(n, -1, dtype=np.intp)     # -1: every row "moves" at the first step
    assign = assignment(Xa, k)
    totals = None
    strict = False
    for it in range(1, max_iter + 1):  # noqa: B007 (it is returned after the loop)
        moved, old = assign(centers, labels)
        if totals is None or moved.size > n // 4:
            totals = _cluster_totals(Xa, labels, k)
        elif moved.size:
            # A moved row leaves its old cluster and joins its new one.
            rows = Xa[moved]
            totals += _cluster_totals(rows, labels[moved], k)
            totals -= _cluster_totals(rows, old, k)
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
    if not strict:
        # The centres moved after the last assignment: re-assign so labels match them.
        assign(centers, labels)
    return labels, _inertia(X, centers, labels), centers, it


def _same_clustering(labels: np.ndarray, other: np.ndarray, n_clusters: int) -> bool:
    """Whether two labelings (n,) put the points in the same groups, whatever the names:
    each label of ``labels`` goes with a single label of ``other``."""
    mapping = np.zeros(n_clusters, dtype=other.dtype)
    mapping[labels] = other
    return bool(np.array_equal(mapping[labels], other))


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
    random_state : None, int, np.random.RandomState or np.random.Generator
        An int seeds a ``RandomState``, as in scikit-learn: the same seed gives the same
        initial centres as ``sklearn.cluster.KMeans``.

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

    def _initial_centers(self, Xc, mean, rng):
        """Initial centres (n_clusters, n_features) in the coordinates of the centred data
        ``Xc``, where scikit-learn seeds too (same draws, same rounding)."""
        n = Xc.shape[0]
        if isinstance(self.init, str):
            if self.init == "k-means++":
                # Xc comes from the validated X: skip the second full pass of checks.
                return _kmeans_plusplus(Xc, self.n_clusters, rng)[0]
            if self.init == "random":
                rows = rng.choice(n, self.n_clusters, replace=False, p=np.full(n, 1.0 / n))
                return Xc[rows]
            raise ValueError(f"init: expected 'k-means++', 'random' or an array, got "
                             f"{self.init!r}")
        centers = check_array(as_array(self.init, "init"), "init")
        if centers.shape != (self.n_clusters, Xc.shape[1]):
            raise ValueError(f"init: expected shape ({self.n_clusters}, {Xc.shape[1]}), got "
                             f"{centers.shape}")
        return centers.astype(np.float64) - mean

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
        rng = _random_state(self.random_state)
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
        # Same clustering either way; the bounds pay for their bookkeeping on larger data.
        assignment = _Hamerly if X.shape[0] >= _BOUNDS_MIN_SAMPLES else _EveryPoint
        best = None
        for _ in range(n_init):
            centers = self._initial_centers(Xc, mean, rng)
            run = _lloyd(Xa, centers, self.max_iter, tol, assignment)
            # A lower inertia wins, unless it is the same clustering with its clusters
            # renamed (the inertias then differ only by rounding): scikit-learn's rule.
            if best is None or (run[1] < best[1]
                                and not _same_clustering(run[0], best[0], self.n_clusters)):
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
