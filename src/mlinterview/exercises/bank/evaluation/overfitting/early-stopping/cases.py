"""Cases for overfitting/early-stopping.

Expected values come from the library: mlinterview.ml.model_selection.EarlyStopping
(mode "min", the given patience and min_delta; Keras's and PyTorch Lightning's rule),
stepped through the validation losses until it signals a stop. Its tests check the
counting against hand-worked runs. The first cases here are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.model_selection import EarlyStopping


def reference(train_loss, val_loss, patience, min_delta=0.0):
    stopper = EarlyStopping(patience=patience, min_delta=min_delta, mode="min")
    stop = len(val_loss) - 1
    for epoch, loss in enumerate(val_loss):
        if stopper.step(loss):
            stop = epoch
            break
    best = stopper.best_epoch
    return best, stop, float(val_loss[best] - train_loss[best])


def fixed():
    return [
        Case(([0.9, 0.6, 0.5, 0.4, 0.3, 0.2], [1.0, 0.8, 0.9, 0.85, 0.95, 0.7], 3),
             note="worked example of the statement", expected=(1, 4, 0.2)),
        Case(([0.5, 0.4, 0.3, 0.2], [1.0, 0.9, 0.8, 0.7], 2), note="always improving: no stop",
             expected=(3, 3, 0.5)),
        Case(([0.5, 0.4, 0.3], [1.0, 1.2, 0.5], 1), note="patience 1: the first miss stops",
             expected=(0, 1, 0.5)),
        Case(([0.2], [0.3], 5), note="a single epoch", expected=(0, 0, 0.1)),
        # A plateau is not an improvement: 0.8 == 0.8.
        Case(([1.0, 0.7, 0.6, 0.5], [1.0, 0.8, 0.8, 0.8], 2), note="a plateau does not improve",
             expected=(1, 3, 0.1)),
        # min_delta 0.1: 0.95 and 0.93 are not below 1.0 - 0.1.
        Case(([0.9, 0.8, 0.7, 0.6], [1.0, 0.95, 0.93, 0.5], 2, 0.1),
             note="dips smaller than min_delta do not count", expected=(0, 2, 0.1)),
        # min_delta 0.1 and a real improvement: 0.85 < 1.0 - 0.1.
        Case(([0.9, 0.8, 0.7, 0.6], [1.0, 0.85, 0.8, 0.9], 3, 0.1),
             note="min_delta: an improvement of 0.15 counts", expected=(1, 3, 0.05)),
        # Dips below the previous epoch but not below the best: the count is not reset.
        Case(([0.5] * 7, [1.0, 2.0, 1.8, 1.6, 1.4, 1.2, 0.9], 4),
             note="improving on the previous epoch is not improving on the best",
             expected=(0, 4, 0.5)),
        # Improvement at epoch 3 resets the count: 2 misses, improve, 2 misses, end.
        Case(([0.1] * 6, [1.0, 1.1, 1.2, 0.9, 1.0, 1.0], 3),
             note="the count restarts after an improvement", expected=(3, 5, 0.8)),
        Case((np.array([0.3, 0.2, 0.1]), np.array([0.5, 0.25, 0.4]), 1),
             note="NumPy arrays",
             expected=(1, 2, 0.05)),
        Case(([1.0, 0.9, 0.8], [-1.0, -2.0, -1.5], 2), note="negative losses (a log-likelihood)",
             expected=(1, 2, -2.9)),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        E = int(rng.integers(1, 60)) if i < 23 else 2000
        t = np.arange(E)
        train = 2.0 * np.exp(-t / rng.uniform(5, 30)) + 0.05
        # Validation: falls, then rises (overfitting), with noise.
        valid = train + rng.uniform(0.001, 0.01) * t + rng.normal(scale=rng.uniform(0.005, 0.1),
                                                                    size=E) + 0.1
        if i % 4 == 0:
            valid = np.round(valid, 2)                 # ties and plateaus
        patience = int(rng.integers(1, 12))
        args = (train.tolist(), valid.tolist(), patience)
        if i % 3 == 1:
            args = (*args, float(rng.choice([0.0, 0.001, 0.01, 0.05])))
        cases.append(Case(args, note=f"{E} epochs, patience {patience}", size=E))
    return cases


SPEC = ExerciseSpec(
    function="early_stopping",
    # Epochs exactly; the gap is one float64 subtraction.
    compare=AllClose(rtol=1e-12, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
