"""Cases for entropy/mutual-information.

Expected values come from mlinterview.ml.information.mutual_information (contingency
table by bincount, scipy.special.rel_entr), checked against scikit-learn's
mutual_info_score in tests/parity; the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.information import mutual_information


def reference(x, y, base=2.0):
    return float(mutual_information(np.asarray(x), np.asarray(y), base=base))


def fixed():
    l2 = math.log2
    return [
        Case(([0, 0, 1, 1], [0, 0, 0, 1]), note="worked example",
             expected=0.5 * l2(4 / 3) + 0.25 * l2(2 / 3) + 0.25),
        Case(([0, 0, 1, 1], [5, 5, 9, 9]), note="y determines x: I = H(X) = 1 bit",
             expected=1.0),
        Case(([0, 0, 1, 1], [0, 1, 0, 1]), note="independent: I = 0", expected=0.0),
        Case(([3, 3, 3], [1, 2, 3]), note="x constant: I = 0", expected=0.0),
        Case(([7], [-2]), note="one observation", expected=0.0),
        Case(([0, 1, 2, 3], [0, 1, 2, 3]), {"base": math.e}, note="a bijection, in nats",
             expected=math.log(4)),
        # y is a function of x (7 -> 3, else 2), so I = H(Y) = H(2/3, 1/3).
        Case(([-5, 1000, 7, -5, 1000, 7], [2, 2, 3, 2, 2, 3]), note="labels far apart",
             expected=-(2 / 3 * l2(2 / 3) + 1 / 3 * l2(1 / 3))),
        Case((["cat", "dog", "dog", "cat", "bird"], ["a", "b", "b", "a", "a"]),
             note="string labels"),
        Case(([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]), {"base": 10.0}, note="base 10"),
        Case(([1, 1, 2, 2, 2, 3], [1, 2, 1, 2, 3, 3]), {"base": 2.0},
             note="empty cells in the table"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(2, 500)) if i < 27 else 200_000
        a, b = int(rng.integers(1, 12)), int(rng.integers(1, 12))
        x = rng.integers(0, a, size=n)
        # Dependence of varying strength: copy a function of x, else draw at random.
        y = np.where(rng.random(n) < rng.random(), (x * 3 + 1) % b, rng.integers(0, b, size=n))
        if i % 3 == 1:
            x = x * 97 - 40                     # negative, far-apart labels
        base = float(rng.choice([2.0, math.e, 10.0]))
        cases.append(Case((x, y), {"base": base},
                          note=f"{n} observations, {a} x {b} labels, base {base:.3g}"))
    return cases


SPEC = ExerciseSpec(
    function="mutual_information",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
