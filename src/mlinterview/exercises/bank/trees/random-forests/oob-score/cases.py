"""Cases for random-forests/oob-score.

Expected values come from mlinterview.ml.ensemble._forest.oob_average, the function
RandomForestClassifier uses for ``oob_decision_function_`` (checked against scikit-learn
in tests/parity/test_forest.py), and the same accuracy over the rows with an OOB
prediction as ``oob_score_``. The fixed cases are worked by hand.
"""

import warnings

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.ensemble._forest import oob_average


def reference(oob, tree_proba, y):
    oob = np.asarray(oob, dtype=bool)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # rows with no OOB tree: NaN, as asked
        decision = oob_average(np.asarray(tree_proba, dtype=float), list(oob), "", 2)
    seen = ~np.isnan(decision[:, 0])
    if not seen.any():
        return float("nan"), decision
    y = np.asarray(y)
    return float(np.mean(np.argmax(decision[seen], axis=1) == y[seen])), decision


T, F = True, False
PROBA = [[[.9, .1], [.2, .8], [.6, .4], [.5, .5]],
         [[.3, .7], [.4, .6], [.1, .9], [.7, .3]],
         [[.8, .2], [.6, .4], [.5, .5], [.2, .8]]]
OOB = [[T, F, T, F], [T, T, F, F], [F, T, T, F]]
NAN = float("nan")


def fixed():
    return [
        Case((OOB, PROBA, [0, 1, 1, 0]), note="the statement's example",
             expected=(1 / 3, np.array([[.6, .4], [.5, .5], [.55, .45], [NAN, NAN]]))),
        Case((OOB, PROBA, [0, 0, 0, 1]), note="same forest, labels it gets right",
             expected=(1.0, np.array([[.6, .4], [.5, .5], [.55, .45], [NAN, NAN]]))),
        Case(([[F, F], [F, F]], [[[1., 0.], [0., 1.]], [[1., 0.], [0., 1.]]], [0, 1]),
             note="no row is ever out of bag: no score",
             expected=(NAN, np.full((2, 2), NAN))),
        Case(([[T, T, T]], [[[.2, .3, .5], [.6, .3, .1], [.3, .4, .3]]], [2, 0, 0]),
             note="one tree, every row OOB: its own predictions",
             expected=(2 / 3, np.array([[.2, .3, .5], [.6, .3, .1], [.3, .4, .3]]))),
        # Row 0: trees 0 and 2 -> [.5, .5] (tie -> 0); a vote would be 1 vs 1 as well.
        # Row 1: trees 0, 1, 2 -> [(.4+.4+1)/3, (.6+.6+0)/3] = [.6, .4] -> class 0, though
        # two of the three trees vote for class 1.
        Case(([[T, T], [F, T], [T, T]],
              [[[.1, .9], [.4, .6]], [[.5, .5], [.4, .6]], [[.9, .1], [1., 0.]]], [0, 1]),
             note="the mean probability disagrees with the majority vote",
             expected=(0.5, np.array([[.5, .5], [.6, .4]]))),
        Case(([[T], [T], [F], [T]], [[[.2, .8]], [[.3, .7]], [[.9, .1]], [[1., 0.]]], [1]),
             note="one row, three of four trees OOB: mean over 3, not 4",
             expected=(0.0, np.array([[.5, .5]]))),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n_trees, n = int(rng.integers(1, 60)), int(rng.integers(1, 300))
        k = int(rng.integers(2, 6))
        proba = rng.dirichlet(np.ones(k) * 0.7, size=(n_trees, n))
        oob = rng.random((n_trees, n)) < 0.368
        # Some rows every tree drew: they must drop out of the score.
        oob[:, rng.random(n) < 0.1] = False
        y = rng.integers(0, k, n)
        cases.append(Case((oob, proba, y), note=f"{n_trees} trees, {n} rows, {k} classes",
                          size=n_trees * n * k))
    return cases


SPEC = ExerciseSpec(
    function="oob_score",
    # Sums of at most 60 probabilities in float64: any order agrees to ~1e-15.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
