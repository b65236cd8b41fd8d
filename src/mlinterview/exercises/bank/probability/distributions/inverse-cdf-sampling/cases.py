"""Cases for distributions/inverse-cdf-sampling.

Expected values come from the inverse-CDF step of mlinterview.ml.stats.Categorical's
sampler (Categorical(p)._sample, which draws its uniforms from the generator it is given;
here a stand-in generator hands it the case's uniforms), itself checked for the right
frequencies in tests/ml/test_stats.py; the boundary cases are worked by hand with
dyadic numbers, where every product and sum is exact.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.stats import Categorical


class _GivenUniforms:
    """A generator whose ``random`` returns the uniforms of the case."""

    def __init__(self, u):
        self.u = u

    def random(self, size):
        return self.u.reshape(size)


def reference(weights, u):
    w = np.asarray(weights, dtype=float)
    u = np.asarray(u, dtype=float)
    draws = Categorical(w / w.sum())._sample(_GivenUniforms(u), u.shape)
    return np.asarray(draws, dtype=np.int64)


def _i(values):
    return np.array(values, dtype=np.int64)


def fixed():
    below_one = float(np.nextafter(1.0, 0.0))
    return [
        Case(([1, 2, 1], [0.1, 0.25, 0.6, 0.75, 0.99]), note="worked example",
             expected=_i([0, 1, 1, 2, 2])),
        Case(([1, 0, 1], [0.5, 0.25, 0.75]), note="u on the boundary of a zero weight",
             expected=_i([2, 0, 2])),
        Case(([0, 0, 3, 1], [0.0, 0.5, 0.75]), note="u = 0 with leading zero weights",
             expected=_i([2, 2, 3])),
        Case(([2, 2, 0, 0], [below_one, 0.5, 0.0]), note="trailing zero weights, u near 1",
             expected=_i([1, 1, 0])),
        Case(([1, 4, 1], [below_one, 1 / 6 - 1e-12]),
             note="normalised CDF ends at 0.9999999999999999", expected=_i([2, 0])),
        Case(([5.0], [0.0, 0.3, below_one]), note="a single category", expected=_i([0, 0, 0])),
        Case(([3, 1], []), note="no uniforms", expected=_i([])),
        Case(([0.25, 0.5, 0.25], [0.25, 0.75, 0.7499]), note="boundaries of probabilities",
             expected=_i([1, 2, 1])),
        Case(([30, 10, 60], [0.29, 0.3, 0.39, 0.4, 0.41]), note="counts as weights"),
        Case(([1e-300, 1.0, 1e-300], [0.0, 0.5, below_one]), note="weights of 1e-300"),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        k = int(rng.integers(1, 30)) if i < 24 else 1000
        m = int(rng.integers(1, 300)) if i < 26 else 200_000
        w = rng.random(k) * rng.choice([1.0, 100.0, 1e-3])
        w[rng.random(k) < 0.3] = 0.0        # zero-weight categories
        if w.sum() == 0:
            w[int(rng.integers(k))] = 1.0
        if i % 3 == 0:
            # Integer weights summing to a power of two: every boundary S[j] / total is
            # exact, and so is u * total, so some uniforms can sit exactly on boundaries.
            w = rng.integers(0, 5, size=k).astype(float)
            w[int(rng.integers(k))] += 1
            w[int(rng.integers(k))] += 2.0 ** np.ceil(np.log2(w.sum())) - w.sum()
        u = rng.random(m)
        if i % 3 == 0:
            boundaries = np.cumsum(w)[:-1] / w.sum()
            boundaries = boundaries[boundaries < 1]       # uniforms stay below 1
            pick = rng.random(m) < 0.3
            if boundaries.size:
                u[pick] = rng.choice(boundaries, size=int(pick.sum()))
            u[0] = 0.0
        cases.append(Case((w, u), note=f"{k} categories, {m} uniforms"))
    return cases


SPEC = ExerciseSpec(
    function="sample_categorical",
    compare=Exact(),          # category indices: no tolerance
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
