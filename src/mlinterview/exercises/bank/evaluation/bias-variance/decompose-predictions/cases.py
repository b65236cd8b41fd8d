"""Cases for bias-variance/decompose-predictions.

Expected values come from the library: bias² and variance from
mlinterview.ml.model_selection.decompose_predictions (loss "mse", scored against the
noise-free f_true; the estimator-level function is checked against mlxtend's formulas in
tests/parity), the noise from mlinterview.ml.metrics.mean_squared_error(y_test, f_true)
(checked against scikit-learn). The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import mean_squared_error
from mlinterview.ml.model_selection import decompose_predictions


def reference(predictions, f_true, y_test):
    P = np.asarray(predictions, dtype=float)
    f = np.asarray(f_true, dtype=float)
    # The statement asks for the terms of these R models (divide by R): the plug-in values.
    _, bias2, variance = decompose_predictions(P, f, loss="mse", unbiased=False)
    return (bias2, variance, float(mean_squared_error(np.asarray(y_test, float), f)))


def fixed():
    return [
        Case(([[1, 3], [3, 5]], [1, 5], [2, 3]), note="worked example of the statement",
             expected=(1.0, 1.0, 2.5)),
        # One model: nothing spreads. Its errors 1 and -3 -> bias² (1 + 9) / 2 = 5.
        Case(([[2.0, 1.0]], [1.0, 4.0], [1.0, 4.0]), note="a single model: variance 0",
             expected=(5.0, 0.0, 0.0)),
        # Three models at one point: 0, 3, 6 -> mean 3, variance (9 + 0 + 9) / 3 = 6;
        # bias² (3 - 1)² = 4; noise (0 - 1)² = 1.
        Case(([[0.0], [3.0], [6.0]], [1.0], [0.0]), note="one test point, three models",
             expected=(4.0, 6.0, 1.0)),
        # Every model is exactly right: all three terms are the noise alone.
        Case((np.array([[1.0, -2.0, 0.5], [1.0, -2.0, 0.5]]), np.array([1.0, -2.0, 0.5]),
              np.array([2.0, -2.0, -0.5])), note="perfect models: only noise is left",
             expected=(0.0, 0.0, 2 / 3)),
        # Models 4 and -4 around the truth 0 at both points: no bias, variance 16.
        Case(([[4, -4], [-4, 4]], [0, 0], [0, 0]), note="unbiased but spread: variance only",
             expected=(0.0, 16.0, 0.0)),
        # Average model [1, 2, 3] vs truth [0, 2, 5]: errors 1, 0, -2 -> bias² 5/3.
        # Spread per point: (1, 1), (2, 2) -> 1, 4; (3, 3) -> 0 -> variance 5/3.
        Case(([[0, 0, 3], [2, 4, 3]], [0, 2, 5], [1, 1, 5]),
             note="three points, errors of both signs", expected=(5 / 3, 5 / 3, 2 / 3)),
        # Two models and two points (a square matrix): averaging over the wrong axis
        # gives different numbers.
        Case(([[1.0, 10.0], [2.0, 30.0]], [0.0, 0.0], [0.5, -0.5]),
             note="square predictions matrix", expected=(201.125, 50.125, 0.25)),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        R = int(rng.integers(1, 40)) if i < 22 else 200
        n = int(rng.integers(1, 60)) if i < 22 else 500
        x = rng.uniform(-3, 3, n)
        f = np.sin(x) + 0.3 * x
        # Each model: a biased, noisy version of f (shifted and shrunk differently per row).
        shift = rng.normal(scale=rng.uniform(0, 2), size=(R, 1))
        predictions = 0.7 * f + shift + rng.normal(scale=0.5, size=(R, n))
        y = f + rng.normal(scale=0.4, size=n)
        if i % 4 == 0:
            predictions, f, y = predictions.tolist(), f.tolist(), y.tolist()
        cases.append(Case((predictions, f, y), note=f"{R} models, {n} test points",
                          size=R * n))
    return cases


SPEC = ExerciseSpec(
    function="bias_variance_noise",
    # The same squares and means in float64 in any order: agreement to ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
