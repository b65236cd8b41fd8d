"""Cases for logistic-regression/loss-gradient.

The reference is mlinterview.ml.linear_model._logistic.log_loss_and_grad (checked
against finite differences and, through LogisticRegression, scikit-learn in
tests/parity/test_logistic.py), divided by n for the mean; the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model._logistic import log_loss_and_grad


def reference(w, b, X, y):
    X, y = np.asarray(X, float), np.asarray(y, float)
    Xd = np.hstack([X, np.ones((len(y), 1))])
    theta = np.append(np.asarray(w, float), b)
    loss, grad = log_loss_and_grad(theta, Xd, y, np.ones(len(y)), True)
    n = len(y)
    return loss / n, grad[:-1] / n, float(grad[-1] / n)


def fixed():
    return [
        Case(([0.0], 0.0, [[1.0], [2.0]], [1, 0]), note="worked example: all p = 0.5",
             expected=(math.log(2), np.array([0.25]), 0.0)),
        # One sample, z = 0 + b = log 3 -> p = 3/4, y = 1: loss = log(4/3), grad_b = -1/4.
        Case(([0.0, 0.0], math.log(3), [[5.0, -1.0]], [1]), note="one sample, p = 3/4",
             expected=(math.log(4 / 3), np.array([-1.25, 0.25]), -0.25)),
        # z = 1000 for a negative: loss = 1000 (e^{-1000} is 0 in float64), grad = x.
        Case(([1.0], 0.0, [[1000.0]], [0]), note="huge score, wrong class: loss is 1000, not inf",
             expected=(1000.0, np.array([1000.0]), 1.0)),
        Case(([1.0], 0.0, [[1000.0]], [1]), note="huge score, right class: loss 0",
             expected=(0.0, np.array([0.0]), 0.0)),
        Case(([-2.0, 0.5], 0.3, [[1.0, 2.0], [-1.0, 0.0], [0.5, -3.0]], [0, 1, 1]),
             note="three samples"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(1, 60)) * (1 + 40 * (i >= 22))
        p = int(rng.integers(1, 8))
        scale = float(rng.choice([0.1, 1.0, 10.0, 300.0]))
        X = rng.normal(size=(n, p))
        cases.append(Case((rng.normal(size=p) * scale, float(rng.normal()), X,
                           rng.integers(0, 2, n)), note=f"random {n}x{p}, weight scale {scale}"))
    return cases


SPEC = ExerciseSpec(
    function="logistic_loss_grad",
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
