"""Cases for imbalanced-data/smote.

SMOTE is random, so the judge checks properties instead of values: every returned point
must lie on an allowed segment, none may be a copy of a minority row, and with at least
COVER (30) points per segment every segment must get one (a uniform sampler misses one
with probability below S e^-30; a sampler that cannot draw some row or neighbour slot
always does). Allowed segments have shape (n_segments, 2, n_features) — every minority row
paired with each of its k nearest minority neighbours. The segments come from
mlinterview.ml.imbalance.kneighbors (checked against scikit-learn's NearestNeighbors in
tests/parity/test_imbalance.py); the first cases list them by hand as their ``expected``
value, and the check then uses those. The reference returns one valid answer (points drawn
on the library's segments), so the hand-listed segments are checked against it too.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Custom, ExerciseSpec, Limits
from mlinterview.ml.imbalance import kneighbors


def segments(X, y, k) -> np.ndarray:
    """Allowed segments (n_minority * k, 2, n_features): each minority row and one of its
    k nearest minority neighbours."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    Xm = X[y == labels[np.argmin(counts)]]
    nn = kneighbors(Xm, k)
    return np.stack([np.repeat(Xm, k, axis=0), Xm[nn.ravel()]], axis=1)


def reference(X, y, n_new, k, seed):
    """One valid answer: n_new points drawn uniformly inside random allowed segments."""
    seg = segments(X, y, k)
    rng = np.random.default_rng(seed)
    pick = seg[rng.integers(0, len(seg), size=n_new)]
    u = rng.uniform(0.05, 0.95, size=(n_new, 1))      # strictly inside: never a copy
    return pick[:, 0] + u * (pick[:, 1] - pick[:, 0])


def check(case, expected, got):
    X, y, n_new, k, _ = case.args
    d = np.asarray(X).shape[1]
    if got is None or isinstance(got, (str, bytes, dict)):
        return f"expected an array of shape ({n_new}, {d}), got {type(got).__name__}"
    try:
        P = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return "expected an array of numbers"
    if P.shape != (n_new, d):
        return f"expected shape ({n_new}, {d}), got {P.shape}"
    if not np.isfinite(P).all():
        return "the points contain NaN or infinity"
    if n_new == 0:
        return None
    hand = np.asarray(expected) if case.has_expected else None
    seg = hand if hand is not None and hand.ndim == 3 else segments(X, y, k)
    A, B = seg[:, 0], seg[:, 1]
    scale = 1.0 + np.abs(A).max()
    AB = B - A
    AP = P[:, None, :] - A[None]
    t = np.clip((AP * AB[None]).sum(-1) / (AB * AB).sum(-1)[None], 0.0, 1.0)
    # Distance of every point to every segment: (n_new, n_segments).
    dists = np.linalg.norm(AP - t[..., None] * AB[None], axis=-1)
    dist = dists.min(axis=1)
    bad = np.flatnonzero(dist > 1e-9 * scale)
    if bad.size:
        i = int(bad[0])
        return (f"point {i} = {np.round(P[i], 6).tolist()} is not on a segment between a "
                f"minority row and one of its k nearest minority neighbours (off by "
                f"{dist[i]:.3g})")
    # Many draws reach every segment. A sampler that can never draw some row or some
    # neighbour slot (rng.integers(1, m): an off-by-one) leaves one empty; a uniform one
    # misses a segment among S in COVER * S draws with probability below S * exp(-COVER).
    if n_new >= COVER * len(seg):
        empty = np.flatnonzero(~(dists <= 1e-9 * scale).any(axis=0))
        if empty.size:
            j = int(empty[0])
            return (f"no point lies on the segment {A[j].tolist()} -> {B[j].tolist()}, "
                    f"though {n_new} points were drawn ({COVER} per segment): is every "
                    "minority row and every one of the k neighbours drawn?")
    ends = np.unique(A, axis=0)
    gap = np.linalg.norm(P[:, None, :] - ends[None], axis=-1).min(axis=1)
    copies = np.flatnonzero(gap <= 1e-12 * scale)
    if copies.size:
        i = int(copies[0])
        return (f"point {i} = {np.round(P[i], 6).tolist()} is a copy of a minority row; "
                "SMOTE interpolates (is the row its own neighbour?)")
    return None


# From this many points per allowed segment on, every segment must get one.
COVER = 30


def _hand_segments(pairs):
    return np.array(pairs, dtype=np.float64)


def fixed():
    line_X = [[0, 0], [1, 0], [3, 0], [1, 1], [2, 1], [2, -1], [0, 5], [5, 5], [4, 4]]
    line_y = [1, 1, 1, 0, 0, 0, 0, 0, 0]
    tri_X = [[0, 0], [0, 1], [4, 0], [2, 2], [3, 3], [-2, 2], [5, 5], [6, 0], [0, 6]]
    tri_y = [0, 0, 0, 1, 1, 1, 1, 1, 1]
    return [
        # Statement's example: k = 1 segments (0,0)-(1,0), (1,0)-(0,0), (3,0)-(1,0).
        Case((line_X, line_y, 40, 1, 0), note="worked example: minority on a line, k = 1",
             expected=_hand_segments([[[0, 0], [1, 0]], [[1, 0], [0, 0]],
                                      [[3, 0], [1, 0]]])),
        # Minority label 0 here; k = 2 = all other minority rows: the triangle's edges.
        Case((tri_X, tri_y, 60, 2, 1), note="minority label 0, k = 2: triangle edges only",
             expected=_hand_segments([[[0, 0], [0, 1]], [[0, 0], [4, 0]],
                                      [[0, 1], [0, 0]], [[0, 1], [4, 0]],
                                      [[4, 0], [0, 0]], [[4, 0], [0, 1]]])),
        # k = 1 on the triangle: (0,0)<->(0,1) and (4,0)->(0,0) (distance 4 < sqrt 17).
        Case((tri_X, tri_y, 60, 1, 2), note="triangle, k = 1",
             expected=_hand_segments([[[0, 0], [0, 1]], [[0, 1], [0, 0]],
                                      [[4, 0], [0, 0]]])),
        Case((line_X, line_y, 0, 1, 3), note="n_new = 0: an empty (0, 2) array",
             expected=_hand_segments([[[0, 0], [1, 0]], [[1, 0], [0, 0]],
                                      [[3, 0], [1, 0]]])),
        # 30 points per segment: every segment must get some. Only (3, 0) reaches x > 1,
        # so a sampler that never draws the last row (here) or the first (next) fails.
        Case((line_X, line_y, 90, 1, 4), note="90 points: the last row (3, 0) is drawn too",
             expected=_hand_segments([[[0, 0], [1, 0]], [[1, 0], [0, 0]],
                                      [[3, 0], [1, 0]]])),
        Case(([line_X[2], *line_X[:2], *line_X[3:]], line_y, 90, 1, 5),
             note="90 points: the first row (3, 0) is drawn too",
             expected=_hand_segments([[[3, 0], [1, 0]], [[0, 0], [1, 0]],
                                      [[1, 0], [0, 0]]])),
        # Edge (0,1)-(4,0) is the 2nd neighbour of both ends: only slot k - 1 reaches it.
        Case((tri_X, tri_y, 180, 2, 6), note="180 points, k = 2: the 2nd neighbours too",
             expected=_hand_segments([[[0, 0], [0, 1]], [[0, 0], [4, 0]],
                                      [[0, 1], [0, 0]], [[0, 1], [4, 0]],
                                      [[4, 0], [0, 0]], [[4, 0], [0, 1]]])),
    ]


def generated(rng):
    cases = []
    for i in range(10):
        n_min = int(rng.integers(4, 40))
        n_maj = int(rng.integers(n_min + 5, 6 * n_min))
        d = int(rng.integers(1, 6))
        k = int(rng.integers(1, min(6, n_min)))
        X = np.r_[rng.normal(size=(n_min, d)) + 1.5, rng.normal(size=(n_maj, d))]
        y = np.r_[np.ones(n_min, int), np.zeros(n_maj, int)]
        perm = rng.permutation(y.size)
        X, y = X[perm], y[perm]
        n_new = int(rng.integers(20, 300))
        if i % 3 == 0:
            X, y = X.tolist(), y.tolist()
        cases.append(Case((X, y, n_new, k, i), note=f"{n_min} minority of {n_min + n_maj} "
                          f"rows, {d} features, k = {k}, {n_new} new points",
                          size=(n_min + n_maj) * d + n_new))
    return cases


SPEC = ExerciseSpec(
    function="smote",
    compare=Custom(check, text="every point on a segment from a minority row to one of its "
                               "k nearest minority neighbours, and not a copy"),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
