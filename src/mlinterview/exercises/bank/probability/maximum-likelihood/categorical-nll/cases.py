"""Cases for maximum-likelihood/categorical-nll.

The reference uses the identity NLL = mean_i H(onehot(y_i), probs_i): each sample's loss
is the cross-entropy between its one-hot label and its predicted row, computed with
mlinterview.ml.information.cross_entropy along axis 1 (checked against SciPy in
tests/parity/test_information.py).
The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.information import cross_entropy


def reference(y, probs):
    probs = np.asarray(probs, dtype=float)
    onehot = np.eye(probs.shape[1])[np.asarray(y, dtype=np.int64)]
    # Each sample's loss is the cross-entropy between its one-hot label and its row.
    per_sample = cross_entropy(onehot, probs, axis=1)
    return float(np.mean(per_sample))


def fixed():
    return [
        Case(([0, 2], [[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]), note="worked example",
             expected=-(math.log(0.5) + math.log(0.8)) / 2),
        Case(([1], [[0.0, 1.0]]), note="a certain, correct prediction: loss 0", expected=0.0),
        Case(([0], [[0.0, 1.0]]), note="the true label has probability 0: inf",
             expected=math.inf),
        Case(([0, 1, 2, 3], np.full((4, 4), 0.25)), note="uniform over 4: log 4",
             expected=math.log(4)),
        Case(([0, 0, 1], [[0.7, 0.3]] * 3), note="same q for every row: the cross-entropy "
             "H(p_data, q) with p_data = (2/3, 1/3)",
             expected=-(2 / 3 * math.log(0.7) + 1 / 3 * math.log(0.3))),
        Case((np.array([1, 0]), np.array([[0.2, 0.8], [0.6, 0.4]])),
             note="argmax is not always the true label"),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n = int(rng.integers(1, 30)) if i < 14 else [1000, 10_000, 50_000, 100_000, 150_000,
                                                      200_000][i - 14]
        k = int(rng.integers(2, 12))
        probs = rng.dirichlet(np.full(k, 0.5), size=n)
        y = rng.integers(0, k, n)
        args = (y.tolist(), probs.tolist()) if i < 5 else (y, probs)
        cases.append(Case(args, note=f"random, {n} samples, {k} classes", size=n * (k + 1)))
    return cases


SPEC = ExerciseSpec(
    function="categorical_nll",
    compare=AllClose(rtol=1e-10, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
