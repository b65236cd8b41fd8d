"""Cases for search-ranking/swap-propensities.

Expected values come from mlinterview.ml.design.clicks.estimate_propensities_swap (tested
by hand and by simulation in tests/ml/design/test_clicks.py). The fixed cases are worked by
hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.clicks import estimate_propensities_swap


def reference(clicks, swap_position):
    return estimate_propensities_swap(clicks, swap_position).tolist()


NAN = float("nan")
EXAMPLE = [[1, 1, 0], [0, 1, 1], [0, 0, 1], [1, 1, 0],
           [0, 1, 0], [1, 0, 1], [0, 0, 0], [1, 0, 0]]


def fixed():
    return [
        Case((EXAMPLE, [0, 0, 2, 2, 1, 1, 1, 1]),
             note="the statement's example: 0.5/0.5 and 0.25/0.5", expected=[1.0, 0.5, 1.0]),
        Case((EXAMPLE[:4], [0, 0, 2, 2]),
             note="nobody swapped with position 1: nan", expected=[1.0, NAN, 1.0]),
        Case(([[1, 0], [1, 1], [0, 1], [1, 1], [1, 0], [0, 0]], [0, 0, 1, 1, 1, 1]),
             note="groups of different sizes: control CTR 2/2 = 1, swapped CTR at 1 is 2/4; "
                  "raw click counts would give 2/2 = 1", expected=[1.0, 0.5]),
        Case(([[1, 1, 1], [0, 1, 1], [0, 1, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0]],
              [0, 0, 1, 1, 2, 2]),
             note="use column k of the group swapped with k, not column 0 (the document "
                  "swapped up) nor the normal-traffic CTR of column k: control 1/2; "
                  "group 1: column 1 has 1/2; group 2: column 2 has 0/2",
             expected=[1.0, 1.0, 0.0]),
        Case(([[1, 0, 0, 0], [1, 0, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1], [0, 0, 1, 0],
               [1, 0, 1, 0]], [0, 0, 3, 3, 2, 2]),
             note="the denominator is position 0 of the unswapped sessions only: 2/2 = 1 "
                  "(over all sessions it would be 4/6); group 3: 2/2; group 2: 2/2; "
                  "position 1: nan", expected=[1.0, NAN, 1.0, 1.0]),
        Case(([[1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 1]], [0, 0, 0, 0, 2]),
             note="one swapped session: 1/1 over 1/4 = 4 (a noisy estimate can exceed 1)",
             expected=[1.0, NAN, 4.0]),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n_pos = int(rng.integers(2, 8))
        n = int(rng.integers(10, 300))
        theta = (1.0 / np.arange(1, n_pos + 1)) ** rng.uniform(0.5, 1.5)
        k = rng.integers(0, n_pos, n)
        k[:3] = 0                                        # a control group
        gamma = rng.uniform(0.2, 0.9, (n, n_pos))
        gamma[:, 0] = 0.95                              # the top result is good
        rows = np.arange(n)
        shown = gamma.copy()
        shown[rows, 0], shown[rows, k] = gamma[rows, k], gamma[rows, 0]
        clicks = (rng.random((n, n_pos)) < theta * shown).astype(int)
        clicks[0, 0] = 1                                 # the control has a click at the top
        cases.append(Case((clicks.tolist(), k.tolist()),
                          note=f"{n} sessions, {n_pos} positions", size=n * n_pos))
    return cases


SPEC = ExerciseSpec(
    function="swap_propensities",
    # Ratios of counts: exact up to rounding.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
