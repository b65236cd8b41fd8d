"""Cases for kan/bspline-basis.

Expected values come from mlinterview.ml.models.kan.bspline_basis_values (the basis of the
library's KAN layer, checked against scipy.interpolate.BSpline in
tests/ml/test_models_kan.py); the first cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.models.kan import bspline_basis_values


def reference(x, knots, k):
    return bspline_basis_values(np.asarray(x, dtype=np.float64),
                                np.asarray(knots, dtype=np.float64), k)


def _random(rng, n_knots, k, note):
    knots = np.cumsum(rng.uniform(0.2, 2.0, n_knots)) - 3.0
    # Points inside, outside, and exactly on knots.
    x = np.concatenate([rng.uniform(knots[0] - 1, knots[-1] + 1, 8 + n_knots),
                        knots[rng.integers(0, n_knots, 3)]])
    return Case((x, knots, k), note=note or f"{n_knots} uneven knots, degree {k}")


def fixed():
    t = np.array([0.0, 1.0, 2.0, 3.0])
    rng = np.random.default_rng(2)
    return [
        Case((np.array([0.5, 1.0, 2.5]), t, 1), note="worked example: two hats",
             expected=np.array([[0.5, 0.0], [1.0, 0.0], [0.0, 0.5]])),
        Case((np.array([0.5, 1.5, 2.5, 3.0, -1.0, 0.0]), t, 2),
             note="one quadratic bump; 0 at the last knot and outside",
             expected=np.array([[0.125], [0.75], [0.125], [0.0], [0.0], [0.0]])),
        Case((np.array([0.2, 1.0, 2.0, 6.9, 7.0]), np.array([0.0, 1, 2, 4, 7]), 0),
             note="degree 0: indicators of half-open intervals",
             expected=np.array([[1.0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1],
                                [0, 0, 0, 0]])),
        Case((np.array([2.0]), np.array([0.0, 1, 2, 3, 4]), 1),
             note="on an inner knot: the hat centred there is 1",
             expected=np.array([[0.0, 1.0, 0.0]])),
        Case((np.linspace(-1, 1, 9), np.linspace(-2.5, 2.5, 11), 3),
             note="cubic on a uniform grid: sums to 1 inside"),
        Case((np.array([0.1, 0.7, 1.9]), np.array([0.0, 0.5, 1.5, 1.6, 3.0, 3.2]), 2),
             note="quadratic on uneven knots"),
        Case((np.array([0.3]), np.array([0.0, 1.0]), 0), note="one interval, one point",
             expected=np.array([[1.0]])),
        _random(rng, 9, 3, ""),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        k = int(rng.integers(0, 5))
        n_knots = k + 2 + int(rng.integers(0, 4 + i))
        cases.append(_random(rng, n_knots, k, ""))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="bspline_basis",
    # Values in [0, 1] built by a few float64 divisions; another (equivalent) order of the
    # same operations differs by ~1e-15.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
