"""Cases for ads-ctr/fm-pairwise.

Expected values come from mlinterview.ml.design.ctr.fm_pairwise, tested against the
pair-by-pair sum on small inputs (tests/ml/design/test_ctr.py) and, inside the FM's loss,
against PyTorch's autograd on the O(d²) sum (tests/parity/test_ads_ctr.py). The fixed
cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.ctr import fm_pairwise


def reference(X, V):
    return fm_pairwise(np.asarray(X, dtype=float), np.asarray(V, dtype=float))


def _a(rows):
    return np.array(rows, dtype=float)


def _wide_sparse(rng):
    """60,000 hashed features, 5 active in each of 40 rows (values ±1), k = 4."""
    n, d = 40, 60_000
    X = np.zeros((n, d))
    for r in range(n):
        X[r, rng.choice(d, 5, replace=False)] = rng.choice([-1.0, 1.0], 5)
    return X, rng.normal(size=(d, 4))


def fixed():
    rng = np.random.default_rng(11)
    wide = _wide_sparse(rng)
    return [
        Case((_a([[1, 2, 3]]), _a([[1], [1], [-1]])),
             note="the statement's example: 2 - 3 - 6", expected=np.array([-7.0])),
        Case((_a([[1, 1, 0]]), _a([[1, 2], [3, 4]  , [5, 6]])),
             note="one active pair (0, 1): <(1,2), (3,4)> = 11", expected=np.array([11.0])),
        Case((_a([[2, 0, 0], [0, 0, 0]]), _a([[1, 1], [1, 1], [1, 1]])),
             note="one active feature has no pair: 0 (a square without the diagonal "
                  "removed gives ½·2²·2 = 4); an all-zero row is 0",
             expected=np.array([0.0, 0.0])),
        Case((_a([[1, 1, 1]]), _a([[1], [1], [1]])),
             note="three pairs of weight 1: 3 (the full square (1+1+1)² = 9, minus the "
                  "diagonal 3, halved)", expected=np.array([3.0])),
        Case((_a([[2, 3]]), _a([[1], [1]])),
             note="values 2 and 3: 1·2·3 = 6; removing Σ v² x instead of Σ v² x² gives "
                  "½(25 - 5) = 10", expected=np.array([6.0])),
        Case((_a([[1, 1]]), _a([[1, 0], [0, 1]])),
             note="orthogonal vectors: no interaction, 0; summing over the factors before "
                  "squaring would give ½(2² - 2) = 1", expected=np.array([0.0])),
        Case((_a([[1, -1, 2]]), _a([[1, 2], [0, 1], [-1, 1]])),
             note="pairs: (0,1) <(1,2),(0,1)>·(-1) = -2; (0,2) <(1,2),(-1,1)>·2 = 2; "
                  "(1,2) <(0,1),(-1,1)>·(-2) = -2: total -2", expected=np.array([-2.0])),
        Case((_a([[1, 2, 3], [0, 1, 1]]), np.zeros((3, 0))),
             note="k = 0: no factors, no interaction", expected=np.array([0.0, 0.0])),
        Case((_a([[0.5], [3.0]]), _a([[2.0, -1.0]])),
             note="a single feature: no pairs at all", expected=np.array([0.0, 0.0])),
        Case(wide, note="60,000 features, 5 active a row: a (d, d) matrix needs 29 GB",
             size=60_000),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n = int(rng.integers(1, 200))
        d = int(rng.integers(1, 300))
        k = int(rng.integers(0, 9))
        density = float(rng.choice([0.05, 0.3, 1.0]))
        X = rng.normal(size=(n, d)) * (rng.random((n, d)) < density)
        V = rng.normal(size=(d, k)) * float(rng.choice([0.1, 1.0]))
        cases.append(Case((X, V), note=f"n = {n}, d = {d}, k = {k}, density {density}",
                          size=n * d * max(k, 1)))
    return cases


SPEC = ExerciseSpec(
    function="fm_pairwise",
    # A difference of two sums of squares: cancellation costs a few digits, hence the
    # absolute tolerance.
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=512),
)
