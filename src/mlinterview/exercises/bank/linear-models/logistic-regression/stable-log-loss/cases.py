"""Cases for logistic-regression/stable-log-loss.

Expected values: the probabilities from scipy.special.expit (what
mlinterview.ml.linear_model.LogisticRegression.predict_proba applies to the scores); the
mean loss from mlinterview.ml.linear_model._logistic.log_loss_and_grad with the logits
as a single feature of weight 1 and sample weights 1/n (its stable log_expit form is
checked against scikit-learn in tests/parity/test_linear_model.py). The first cases are
worked by hand.
"""

import math

import numpy as np
from scipy.special import expit

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.linear_model._logistic import log_loss_and_grad


def reference(z, y):
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    loss, _ = log_loss_and_grad(np.ones(1), z[:, None], y, np.full(z.size, 1.0 / z.size),
                                binary=True)
    return expit(z), float(loss)


def _softplus(x):
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def fixed():
    a = np.array
    return [
        Case(([0.0, 2.0, -1000.0], [1, 0, 1]), note="worked example",
             expected=(a([0.5, 1 / (1 + math.exp(-2)), 0.0]),
                       (math.log(2) + _softplus(2.0) + 1000.0) / 3)),
        Case(([0.0], [0]), note="z = 0: log 2", expected=(a([0.5]), math.log(2))),
        Case(([1000.0, -1000.0], [1, 0]), note="confident and right: loss 0",
             expected=(a([1.0, 0.0]), 0.0)),
        Case(([1000.0, -1000.0], [0, 1]), note="confident and wrong: loss 1000",
             expected=(a([1.0, 0.0]), 1000.0)),
        Case(([40.0], [0]), note="1 - σ(40) is 0.0 in floating point",
             expected=(a([1.0]), 40.0 + math.log1p(math.exp(-40.0)))),
        Case(([20.0, -20.0, 30.0], [0, 1, 1]), note="moderately large logits"),
        Case(([-3.5, 0.25, 7.0, -0.5], [0, 1, 1, 0]), note="ordinary logits"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(1, 60)) if i < 27 else 20_000
        scale = float(rng.choice([1.0, 5.0, 50.0, 800.0]))
        z = rng.normal(0, scale, size=n)
        y = (rng.random(n) < 0.5).astype(int)
        if i % 3 == 0:
            z, y = z.tolist(), y.tolist()
        cases.append(Case((z, y), note=f"{n} logits of scale {scale:g}"))
    return cases


SPEC = ExerciseSpec(
    function="sigmoid_log_loss",
    # Different stable forms of softplus agree to ~1e-16 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
