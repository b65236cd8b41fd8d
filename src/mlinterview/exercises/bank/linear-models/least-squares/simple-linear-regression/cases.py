"""Cases for least-squares/simple-linear-regression.

Expected values come from mlinterview.ml.linear_model.LinearRegression on the single
column x (centred data, SVD solver; checked against scikit-learn's LinearRegression in
tests/parity/test_linear_model.py); the first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model import LinearRegression


def reference(x, y):
    x = np.asarray(x, dtype=float)
    model = LinearRegression().fit(x[:, None], np.asarray(y, dtype=float))
    return float(model.coef_[0]), float(model.intercept_)


def fixed():
    return [
        Case(([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 4.0, 5.0]), note="worked example",
             expected=(1.4, 0.9)),
        Case(([1.0, 2.0], [5.0, 3.0]), note="two points: the line through them",
             expected=(-2.0, 7.0)),
        Case(([2.0, 4.0, 6.0], [1.0, 1.0, 1.0]), note="constant y: slope 0",
             expected=(0.0, 1.0)),
        Case(([-1.0, 0.0, 1.0], [3.0, 0.0, 3.0]), note="symmetric: no linear trend",
             expected=(0.0, 2.0)),
        # x centred at 10: dx = [-1, 0, 1], dy = [-2, 1, 1] -> slope 3/2, intercept 3 - 15.
        Case(([9.0, 10.0, 11.0], [1.0, 4.0, 4.0]), note="x away from 0: the intercept matters",
             expected=(1.5, -12.0)),
        Case((1e8 + np.array([0.0, 1.0, 2.0, 3.0]), [1.0, 2.0, 4.0, 5.0]),
             note="x near 1e8: the worked example shifted", expected=(1.4, 0.9 - 1.4e8)),
        Case(([3.0, 1.0, 2.0, 5.0, 4.0], [10.0, 4.0, 7.5, 15.0, 13.0]), note="unsorted x"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(2, 60)) if i < 27 else 50_000
        scale = float(np.exp(rng.uniform(-3, 3)))
        offset = float(rng.choice([0.0, 0.0, 1e3, -1e6, 1e8]))
        x = offset + scale * rng.normal(size=n)
        y = rng.normal() * 3 * x / scale + rng.normal(size=n) * rng.uniform(0.01, 2)
        y = y - y.mean() + rng.normal() * 10
        if i % 3 == 0:
            x, y = x.tolist(), y.tolist()
        cases.append(Case((x, y), note=f"n = {n}, x near {offset:g}, spread {scale:.3g}"))
    return cases


SPEC = ExerciseSpec(
    function="fit_line",
    # Centred sums agree to ~1e-14 relative; the intercept of x near 1e8 is a difference
    # of numbers near 1e8, so it carries ~1e-8 absolute error in either computation.
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
