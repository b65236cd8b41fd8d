"""Cases for svm/smo-pair-update.

Neither our library (whose SMO runs LIBSVM's working-set loop and exposes no single
step) nor SciPy has this function, so expected values come from a direct minimisation
that does not use the error formula: the pair moves along d = e_j - s e_i, the dual
objective W is evaluated (as ½ alphaᵀQ alpha - sum alpha with Q = y yᵀ ∘ K) at the ends of
the feasible interval of t and at the vertex of its quadratic in t when that lies inside,
and the candidate with the smallest W wins (the ends tie only in the hand-worked cases,
where the pair is left unchanged). The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def _objective(alpha, Q):
    return 0.5 * alpha @ Q @ alpha - alpha.sum()


def reference(alpha, y, K, C, i, j):
    alpha = np.array(alpha, dtype=float)
    y = np.asarray(y, dtype=float)
    Q = np.outer(y, y) * np.asarray(K, dtype=float)
    s = y[i] * y[j]
    d = np.zeros_like(alpha)
    d[j], d[i] = 1.0, -s
    # Feasible t: 0 <= alpha_j + t <= C and 0 <= alpha_i - s t <= C.
    lo_i, hi_i = sorted(((alpha[i] - 0.0) / s, (alpha[i] - C) / s))
    t_lo, t_hi = max(-alpha[j], lo_i), min(C - alpha[j], hi_i)
    candidates = [t_lo, t_hi]
    a = d @ Q @ d
    c = d @ (Q @ alpha - 1.0)
    if a > 0:
        candidates.append(min(max(-c / a, t_lo), t_hi))
    values = [_objective(alpha + t * d, Q) for t in candidates]
    best = candidates[int(np.argmin(values))]
    if a <= 0 and values[0] == values[1]:
        best = 0.0
    return alpha + best * d


def _feasible_state(rng, y, K, C, steps):
    """A feasible, non-trivial alpha: a few reference steps from 0."""
    alpha = np.zeros(len(y))
    for _ in range(steps):
        i, j = rng.choice(len(y), size=2, replace=False)
        alpha = reference(alpha, y, K, C, int(i), int(j))
    return alpha


def fixed():
    K2 = [[0.0, 0.0], [0.0, 4.0]]
    a = np.array
    # Duplicate points x_0 = x_1 = 1 (linear kernel: all entries 1), eta = 0.
    dup = [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 4.0]]
    return [
        Case(([0.0, 0.0], [1, -1], K2, 10.0, 0, 1), note="worked example",
             expected=a([0.5, 0.5])),
        Case(([0.0, 0.0], [1, -1], K2, 0.3, 0, 1), note="worked example, clipped at C",
             expected=a([0.3, 0.3])),
        Case(([0.5, 0.5], [1, -1], K2, 10.0, 0, 1), note="already optimal: unchanged",
             expected=a([0.5, 0.5])),
        Case(([0.0, 0.5, 0.5], [1, 1, -1], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
              1.0, 0, 1), note="equal labels: alpha_0 + alpha_1 stays 0.5",
             expected=a([0.25, 0.25, 0.5])),
        Case(([0.0, 0.0, 0.0], [1, 1, -1], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
              1.0, 0, 1), note="L = H = 0: nothing can move", expected=a([0.0, 0.0, 0.0])),
        # eta = 0 and equal labels: W is constant on the segment, the ends tie.
        Case(([0.3, 0.2, 0.5], [1, 1, -1], dup, 1.0, 0, 1),
             note="duplicate points, equal labels: a tie, unchanged", expected=a([0.3, 0.2, 0.5])),
        # eta = 0, labels differ: W is linear along the segment; one end is better.
        Case(([0.2, 0.2, 0.0], [1, -1, 1], dup, 1.0, 0, 1),
             note="duplicate points, different labels: an end wins"),
        Case(([0.0, 0.0, 0.0, 0.0], [1, 1, -1, -1],
              [[2.0, 1.0, 0.5, 0.0], [1.0, 2.0, 0.0, 0.5], [0.5, 0.0, 2.0, 1.0],
               [0.0, 0.5, 1.0, 2.0]], 1.0, 3, 0), note="i > j"),
    ]


def generated(rng):
    cases = []
    for k in range(30):
        n = int(rng.integers(2, 12)) if k < 28 else 400
        d = int(rng.integers(1, 5))
        X = rng.normal(size=(n, d))
        y = np.where(rng.random(n) < 0.5, 1.0, -1.0)
        y[0], y[1] = 1.0, -1.0
        if k % 2:
            K = X @ X.T                                           # linear kernel
        else:
            sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
            K = np.exp(-0.5 * sq)                                  # RBF kernel
        C = float(rng.choice([0.1, 1.0, 10.0]))
        alpha = _feasible_state(rng, y, K, C, int(rng.integers(0, 6)))
        i, j = (int(v) for v in rng.choice(n, size=2, replace=False))
        cases.append(Case((alpha, y, K, C, i, j), note=f"{n} points, C = {C}, pair ({i}, {j})"))
    return cases


SPEC = ExerciseSpec(
    function="smo_step",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
