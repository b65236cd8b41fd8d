"""Cases for training-serving/psi-two-samples.

Expected values come from mlinterview.ml.design.drift.population_stability_index
(tested on hand-worked histograms and quantile edges in tests/ml/design/test_drift.py).
The fixed cases are worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.drift import population_stability_index


def reference(reference, current, bins=10, eps=1e-4):
    return population_stability_index(reference, current, bins=bins, eps=eps)


def _psi(e, a):
    e, a = np.asarray(e, dtype=float), np.asarray(a, dtype=float)
    return float(np.sum((a - e) * np.log(a / e)))


TEN = [float(v) for v in range(1, 11)]
CUR = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.0, -5.0, 4.5, 5.5]


def fixed():
    return [
        Case((TEN, CUR), {"bins": 4},
             note="the statement's example: shares 0.3/0.2/0.2/0.3 vs 0.5/0.3/0.2/eps",
             expected=_psi([0.3, 0.2, 0.2, 0.3], [0.5, 0.3, 0.2, 1e-4])),
        Case((TEN, TEN), {"bins": 4}, note="the same sample: 0", expected=0.0),
        Case((TEN, [1.0, 5.0, 6.0, 9.0]), {"bins": 2},
             note="one edge at the median 5.5: 5 | 5 vs 2 | 2: no shift, 0", expected=0.0),
        Case((TEN, [5.5, 5.5, 1.0, 1.0]), {"bins": 2},
             note="values equal to the edge 5.5 go above it: 2 | 2, PSI 0; counted below "
                  "they would give 4 | 0", expected=0.0),
        Case(([1.0, 1.0, 2.0, 2.0], [1.0, 2.0, 2.0, 2.0]), {"bins": 2},
             note="edge at the median 1.5: reference 0.5 | 0.5, current 0.25 | 0.75: "
                  "-0.25 ln 0.5 + 0.25 ln 1.5", expected=_psi([0.5, 0.5], [0.25, 0.75])),
        Case(([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0], [0.0] * 6 + [1.0] * 4),
             note="a discrete feature: deciles 0 (x8, merged), 0.2, 1.1; bins hold 0, 8, 1, 1 "
                  "of the reference and 0, 6, 4, 0 of the current",
             expected=_psi([1e-4, 0.8, 0.1, 0.1], [1e-4, 0.6, 0.4, 1e-4])),
        Case(([1.0, 2.0, 3.0, 4.0], [10.0, 11.0]), {"bins": 2, "eps": 0.01},
             note="everything above the reference; eps 0.01: shares 0.5 | 0.5 vs 0.01 | 1",
             expected=_psi([0.5, 0.5], [0.01, 1.0])),
        Case(([1.0, 2.0, 3.0, 4.0], [10.0, 11.0]), {"bins": 2},
             note="the same with eps 1e-4: the empty bin's term grows",
             expected=_psi([0.5, 0.5], [1e-4, 1.0])),
        Case(([3.0, 1.0, 2.0], [2.0, 2.0, 2.0]), {"bins": 3},
             note="unsorted reference; terciles 1.667 and 2.333: 1/3 each vs 0 | 1 | 0",
             expected=_psi([1 / 3] * 3, [1e-4, 1.0, 1e-4])),
        Case(([0.0, 10.0], [5.0]), {"bins": 2},
             note="reference of two values: median 5 is the edge, 5 goes above: 0.5 | 0.5 vs "
                  "eps | 1", expected=_psi([0.5, 0.5], [1e-4, 1.0])),
        Case(([1.0, 2.0, 3.0, 4.0, 5.0], [4.5, 4.5, 4.5, 4.5, 0.0]), {"bins": 5},
             note="quintiles 1.8, 2.6, 3.4, 4.2: 1/5 each vs 1/5, 0, 0, 0, 4/5",
             expected=_psi([0.2] * 5, [0.2, 1e-4, 1e-4, 1e-4, 0.8])),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n_ref, n_cur = int(rng.integers(5, 400)), int(rng.integers(1, 400))
        bins = int(rng.integers(2, 12))
        if rng.random() < 0.4:            # discrete features: ties at the edges
            ref = rng.integers(0, 6, n_ref).astype(float)
            cur = rng.integers(0, 7, n_cur).astype(float)
        else:
            ref = np.round(rng.normal(0, 1, n_ref), 3)
            cur = np.round(rng.normal(rng.choice([0.0, 0.2, 1.0]), rng.choice([1.0, 1.5]),
                                      n_cur), 3)
        eps = float(rng.choice([1e-4, 1e-3, 1e-2]))
        cases.append(Case((ref.tolist(), cur.tolist()), {"bins": bins, "eps": eps},
                          note=f"{n_ref} vs {n_cur} values, {bins} bins, eps {eps:g}",
                          size=n_ref + n_cur))
    return cases


SPEC = ExerciseSpec(
    function="psi",
    # A sum of a few logs: rounding ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
