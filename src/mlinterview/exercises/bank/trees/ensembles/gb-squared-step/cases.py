"""Cases for ensembles/gb-squared-step.

The generated cases are real boosting rounds of mlinterview.ml.ensemble
GradientBoostingRegressor (checked against scikit-learn in tests/parity/test_gb.py): F is
its staged prediction before a round, leaf the round's tree's apply() on the training
data, and the expected answer its staged prediction after that round. The reference (for
other inputs) takes the mean residual per leaf with the library's _leaf_sums. The fixed
cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml._validation import as_float32
from mlinterview.ml.ensemble import GradientBoostingRegressor
from mlinterview.ml.ensemble._gb import _leaf_sums


def reference(y, F, leaf, learning_rate):
    y, F, leaf = np.asarray(y, dtype=float), np.asarray(F, dtype=float), np.asarray(leaf)
    n_nodes = int(leaf.max()) + 1 if len(leaf) else 0
    sums = _leaf_sums(leaf, y - F, n_nodes)
    counts = _leaf_sums(leaf, np.ones(len(leaf)), n_nodes)
    return F + learning_rate * sums[leaf] / counts[leaf]


def _a(*values):
    return np.array(values, dtype=float)


def fixed():
    return [
        Case((_a(1, 2, 3, 10), _a(4, 4, 4, 4), np.array([1, 1, 2, 2]), 0.5),
             note="the statement's example", expected=_a(2.75, 2.75, 5.25, 5.25)),
        Case((_a(1, 2, 3, 10), _a(4, 4, 4, 4), np.array([7, 7, 7, 7]), 1.0),
             note="a single leaf: the mean residual is 0 at the mean",
             expected=_a(4, 4, 4, 4)),
        Case((_a(1, 2, 3, 10), _a(0, 0, 0, 0), np.array([3, 5, 8, 13]), 1.0),
             note="one sample per leaf and no shrinkage: F_new = y", expected=_a(1, 2, 3, 10)),
        # residuals [1, -1, 4, 0, 2]; leaf 0: {1, -1, 0} mean 0; leaf 4: {4, 2} mean 3.
        Case((_a(3, 1, 6, 2, 5), _a(2, 2, 2, 2, 3), np.array([0, 0, 4, 0, 4]), 0.1),
             note="leaf ids with a gap, shrinkage 0.1",
             expected=_a(2, 2, 2.3, 2, 3.3)),
        Case((_a(-5, 5), _a(1, -1), np.array([2, 9]), 0.25),
             note="negative residuals and targets", expected=_a(-0.5, 0.5)),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, p = int(rng.integers(5, 300)), int(rng.integers(1, 5))
        X = rng.normal(size=(n, p))
        y = X[:, 0] * 3 + np.sin(X[:, -1]) + rng.normal(size=n)
        rounds = int(rng.integers(1, 5))
        lr = float(rng.choice([0.05, 0.1, 0.5, 1.0]))
        model = GradientBoostingRegressor(n_estimators=rounds, learning_rate=lr,
                                          max_depth=int(rng.integers(1, 5)),
                                          random_state=i).fit(X, y)
        staged = [np.full(n, model.init_), *model.staged_predict(X)]
        leaf = model.estimators_[rounds - 1, 0].tree_.apply(as_float32(X))
        cases.append(Case((y, staged[rounds - 1], leaf, lr), expected=staged[rounds],
                          note=f"round {rounds} of a boosted model, {n} samples, lr {lr}",
                          size=n))
    return cases


SPEC = ExerciseSpec(
    function="gb_squared_step",
    # Means of up to 300 residuals: the tree's stored mean and a bincount mean agree to
    # ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
