"""SMOTE: new minority points on segments between a minority point and a minority
neighbour, ``x_new = x_i + u * (x_nn - x_i)`` with ``u ~ U[0, 1)``.

The neighbour search (:func:`kneighbors`) is exact brute force on a blocked distance
matrix: query rows are processed a block at a time, so memory stays bounded whatever the
class size.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import check_random_state, check_scalar, check_X
from mlinterview.ml.imbalance._random import _BaseSampler, _check_X_y
from mlinterview.ml.imbalance._sampling_strategy import check_sampling_strategy


def kneighbors(X: np.ndarray, n_neighbors: int, *, block: int | None = None) -> np.ndarray:
    """Indices of the ``n_neighbors`` nearest other rows of ``X`` (Euclidean), nearest
    first; shape (n_samples, n_neighbors). A row is never its own neighbour; ties go to
    the lower index.

    Exact brute force, ``block`` query rows at a time (default: at most 2048 rows and
    about 2**24 distances, so memory stays bounded whatever ``n``). Per block:

    1. screen in float32: ``v_ij = |x_j|² - 2 x_i·x_j`` by one matrix product on the
       centred data (``|x_i|²`` is constant along a row, so it cannot change the order;
       centring keeps the norms, hence the rounding error, small);
    2. a cut per row: the k-th smallest screened value (a partition, for n < 2048), or,
       for more rows, the largest of k group minima over a fixed shuffle of the columns
       in k consecutive groups (k distinct other rows lie at or below it; one pass, no
       partition); plus twice a bound ``E_i`` on the float32 error — every true
       neighbour is then below the cut;
    3. the few candidates below the cut (about ``k (1 + 1/2 + ... + 1/k)`` per row on
       shuffled data) are ranked by ``v_ij`` in float64, with ties to the lower index.

    Screening in float32 halves the memory traffic of the (memory-bound, thin) product;
    the final order is decided in float64, on centred data, so it is also right for data
    far from the origin, where expanding ``|a - b|²`` around 0 loses all digits.
    """
    X = check_X(X, "X")
    n, d = X.shape
    k = check_scalar(n_neighbors, "n_neighbors", numbers.Integral, lo=1)
    if k > n - 1:
        raise ValueError(f"n_neighbors: expected at most n_samples - 1 = {n - 1}, got {k}")
    Xc = X.astype(np.float64) - X.mean(axis=0, dtype=np.float64)
    sq = np.einsum("ij,ij->i", Xc, Xc)
    norm = np.sqrt(sq)
    R = norm.max()
    # |float32 value - exact| <= u (2 R² + 2 (d + 3) |x_i| R) for any summation order
    # (rounding of the inputs, a d-term dot product, the final addition); x2 for safety.
    err = 2.0 * (d + 4) * 2.0**-24 * (R * R + 2.0 * norm * R)
    # The screen runs in float32 unless the squared distances (up to 4 R²) would overflow
    # it (data beyond ~1e19): then in float64, where the same bound is only looser.
    screen = np.float32 if np.finfo(np.float32).max / 4 > 4.0 * R * R else np.float64
    X32 = Xc.astype(screen)
    # The columns (reference rows) in a fixed shuffled order, so that the k consecutive
    # column groups of step 2 are random subsets even when the rows are sorted or
    # clustered (consecutive groups of sorted rows would give a loose cut). Internal
    # only: the result does not depend on it.
    # Few rows (< 2048): the exact k-th smallest of each row by a partition is cheap, and
    # a tighter cut than the group minima (near-equal distances in high dimension).
    exact = n < 2048
    perm = np.arange(n) if exact else np.random.default_rng(0).permutation(n)
    inv = np.empty(n, dtype=np.intp)
    inv[perm] = np.arange(n)
    # A contiguous right operand (a faster product) with the -2 folded in: scaling by a
    # power of two is exact, and it saves a pass over every block of distances.
    XT32 = np.ascontiguousarray(X32[perm].T) * screen(-2.0)
    sq32 = sq[perm].astype(screen)
    if block is None:
        block = max(1, min(2048, (1 << 24) // n))
    # k groups of consecutive columns (the last takes the remainder), each non-empty.
    groups = (np.arange(k) * n) // k
    out = np.empty((n, k), dtype=np.intp)
    for start in range(0, n, block):
        stop = min(start + block, n)
        b = stop - start
        D = X32[start:stop] @ XT32
        D += sq32
        rows = np.arange(b)
        D[rows, inv[rows + start]] = np.inf             # exclude the point itself
        # The largest of the k group minima: k distinct other columns lie at or below
        # it, so the k-th nearest does too (up to the float32 error). One min-pass over
        # the block instead of a partition, and a tight cut: ~k H_k candidates per row.
        if exact:
            tau = np.partition(D, k - 1, axis=1)[:, k - 1].astype(np.float64)
        else:
            tau = np.minimum.reduceat(D, groups, axis=1).max(axis=1).astype(np.float64)
        # float64 -> float32 may round down: one ulp up keeps the cut conservative.
        cut = np.nextafter((tau + 2.0 * err[start:stop]).astype(screen), np.inf)
        # >= k candidates per row; flat indices: 1-D nonzero is ~8x faster than 2-D.
        r, c = np.divmod(np.flatnonzero(np.less_equal(D, cut[:, None])), n)
        c = perm[c]                                     # back to row indices of X
        v = sq[c] - 2.0 * np.einsum("ij,ij->i", Xc[start + r], Xc[c])
        v[c == start + r] = np.inf
        # r is sorted: lay each row's candidates out in a padded (b, max count) matrix
        # and sort each row by distance, then index (ties to the lower index) - much
        # cheaper than one lexsort of all candidates.
        counts = np.bincount(r, minlength=b)
        slot = (r, np.arange(r.size) - (np.cumsum(counts) - counts)[r])
        V = np.full((b, counts.max()), np.inf)
        C = np.full(V.shape, n, dtype=np.intp)          # padding sorts last
        V[slot] = v
        C[slot] = c
        order = np.lexsort((C, V), axis=1)[:, :k]
        out[start:stop] = np.take_along_axis(C, order, axis=1)
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
        X, y = _check_X_y(X, y, self)
        X = check_X(X, "X")
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
