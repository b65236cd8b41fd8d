"""Cases for ensembles/adaboost-weights.

Expected values come from mlinterview.ml.ensemble.samme_update, the update inside
AdaBoostClassifier (whose weights and votes match scikit-learn's to 1e-8 in
tests/parity/test_ensemble.py); the fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.ensemble import samme_update


def reference(sample_weight, y_true, y_pred, n_classes, learning_rate=1.0):
    wrong = np.asarray(y_true) != np.asarray(y_pred)
    err, alpha, new = samme_update(np.asarray(sample_weight, dtype=float), wrong,
                                   n_classes, learning_rate)
    return (err, alpha, new)


def fixed():
    q = [0.25, 0.25, 0.25, 0.25]
    return [
        Case((q, [0, 1, 2, 2], [0, 1, 2, 0], 3), note="the statement's example",
             expected=(0.25, np.log(6), np.array([1, 1, 1, 6]) / 9)),
        # K = 2: alpha = log(3); the wrong weight triples, 3/4 / (3/2) = 1/2.
        Case((q, [1, 0, 0, 1], [0, 0, 0, 1], 2), note="two classes: no log(K - 1) term",
             expected=(0.25, np.log(3), np.array([0.5, 1 / 6, 1 / 6, 1 / 6]))),
        # After the update the mistakes always hold half of the weight when K = 2.
        # err = 0.1, alpha = log 9: the first weight becomes 0.9, the sum 1.8.
        Case(([0.1, 0.2, 0.3, 0.4], [0, 1, 1, 0], [1, 1, 1, 0], 2),
             note="unequal weights: err = 0.1",
             expected=(0.1, np.log(9), np.array([0.9, 0.2, 0.3, 0.4]) / 1.8)),
        Case((q, [0, 1, 2, 2], [0, 1, 2, 0], 3), {"learning_rate": 0.5},
             note="learning_rate halves alpha: the mistake grows by sqrt(6)",
             expected=(0.25, 0.5 * np.log(6),
                       np.array([1, 1, 1, np.sqrt(6)]) / (3 + np.sqrt(6)))),
        Case(([0.0, 0.5, 0.25, 0.25], [1, 1, 0, 0], [0, 1, 0, 1], 2),
             note="a zero weight stays zero even when misclassified"),
        Case(([0.2] * 5, [0, 1, 2, 3, 4], [0, 1, 2, 3, 0], 5),
             note="five classes: log(K - 1) = log 4"),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n = int(rng.integers(5, 200)) if i < 14 else 200_000
        k = int(rng.integers(2, 6))
        y = rng.integers(0, k, n)
        w = rng.random(n)
        w /= w.sum()
        # Wrong on about 15 % of the samples (at least one, at most 45 % of the weight):
        # the learner beats chance for every K and is not perfect.
        while True:
            pred = np.where(rng.random(n) < 0.15, (y + 1) % k, y)
            pred[0] = (y[0] + 1) % k
            if w[pred != y].sum() < 0.45:
                break
        lr = float(rng.choice([1.0, 0.5, 0.1]))
        args = (w.tolist(), y.tolist(), pred.tolist(), k) if i % 3 == 0 else (w, y, pred, k)
        cases.append(Case(args, {"learning_rate": lr},
                          note=f"{n} samples, {k} classes, learning_rate {lr}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="adaboost_step",
    # The same float64 sums; a different summation order moves the last bits.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
