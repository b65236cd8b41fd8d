"""Cases for logistic-regression/newton-step.

Expected values come from mlinterview.ml.linear_model._logistic: log_loss_and_grad and
log_loss_hessian (the data term of LogisticRegression's objective, binary, with sample
weights C and a column of ones for the intercept; checked against scikit-learn in
tests/parity/test_linear_model.py), plus the penalty ½||w||² on the weights only, and a
Newton step solved with numpy.linalg.solve. The first case is worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model._logistic import log_loss_and_grad, log_loss_hessian


def reference(w, b, X, y, C):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.append(np.asarray(w, dtype=float), b)
    Xd = np.hstack([X, np.ones((X.shape[0], 1))])
    weights = np.full(X.shape[0], float(C))
    _, grad = log_loss_and_grad(theta, Xd, y, weights, binary=True)
    hess = log_loss_hessian(theta, Xd, y, weights, binary=True)
    p = X.shape[1]
    grad = grad.copy()
    grad[:p] += theta[:p]
    hess = hess.copy()
    hess[np.arange(p), np.arange(p)] += 1.0
    return grad, hess, theta - np.linalg.solve(hess, grad)


def fixed():
    a = np.array
    return [
        Case(([0.0], 0.0, [[1.0], [-1.0]], [1, 0], 1.0), note="worked example",
             expected=(a([-1.0, 0.0]), a([[1.5, 0.0], [0.0, 0.5]]), a([2 / 3, 0.0]))),
        # C = 2 doubles the data terms: grad [-2, 0], hess [[1, 0], [0, 1]] + diag(1, 0).
        Case(([0.0], 0.0, [[1.0], [-1.0]], [1, 0], 2.0), note="C = 2",
             expected=(a([-2.0, 0.0]), a([[2.0, 0.0], [0.0, 1.0]]), a([1.0, 0.0]))),
        # w = 1 adds +1 to the weight's gradient and leaves the intercept's alone.
        Case(([1.0], 0.5, [[0.0], [0.0]], [1, 0], 1.0), note="a feature that is always 0"),
        Case(([0.1, -0.2], 1.0, [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.5], [2.0, 1.0]],
              [1, 0, 0, 1], 0.5), note="two features"),
        Case(([5.0], -1.0, [[100.0], [-100.0], [0.5], [-0.3]], [1, 0, 1, 0], 1.0),
             note="scores of +-500: p (1 - p) underflows to 0"),
        Case(([0.0, 0.0, 0.0], 0.0, [[1.0, 0.0, 2.0], [0.0, 1.0, -1.0], [1.0, 1.0, 0.0]],
              [1, 1, 0], 10.0), note="weak regularisation, C = 10"),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        n = int(rng.integers(3, 60)) if i < 26 else 3000
        p = int(rng.integers(1, 8))
        X = rng.normal(size=(n, p)) * rng.uniform(0.3, 3, size=p)
        w = rng.normal(size=p) * rng.choice([0.0, 0.5, 3.0])
        b = float(rng.normal())
        y = (rng.random(n) < 0.5).astype(int)
        C = float(rng.choice([0.01, 0.1, 1.0, 10.0]))
        cases.append(Case((w, b, X, y, C), note=f"{n} x {p}, C = {C}"))
    return cases


SPEC = ExerciseSpec(
    function="newton_step",
    compare=AllClose(rtol=1e-9, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
