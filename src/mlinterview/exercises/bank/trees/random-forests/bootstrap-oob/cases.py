"""Cases for random-forests/bootstrap-oob.

Expected values come from mlinterview.ml.ensemble._base.bootstrap_counts, the function the
library's forests and bagging use to turn a tree's draws into sample weights (tested with
the forests against scikit-learn in tests/parity/test_forest.py); it draws its indices
from a random generator, so the reference hands it the case's draws through a generator
that replays them. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.ensemble._base import bootstrap_counts


class _Replay(np.random.Generator):
    """A generator whose ``integers`` returns given draws, one row per call."""

    def __init__(self, rows):
        super().__init__(np.random.PCG64(0))
        self._rows = iter(rows)

    def integers(self, low, high=None, size=None, dtype=np.int64, endpoint=False):
        return next(self._rows)


def reference(draws, n_samples):
    draws = np.asarray(draws, dtype=int).reshape(len(draws), -1)
    rng = _Replay(draws)
    counts = np.stack([bootstrap_counts(rng, n_samples, draws.shape[1]) for _ in draws])
    return counts, counts == 0


def _c(rows):
    return np.array(rows, dtype=int)


def fixed():
    return [
        Case(([[0, 0, 3, 4, 1], [2, 2, 2, 0, 1]], 5), note="the statement's example",
             expected=(_c([[2, 1, 0, 1, 1], [1, 1, 3, 0, 0]]),
                       np.array([[False, False, True, False, False],
                                 [False, False, False, True, True]]))),
        Case(([[0, 1, 0]], 4), note="one tree; rows 2 and 3 never drawn (shape from n_samples)",
             expected=(_c([[2, 1, 0, 0]]), np.array([[False, False, True, True]]))),
        Case(([[3, 3, 3, 3]], 4), note="every draw the same (last) row",
             expected=(_c([[0, 0, 0, 4]]), np.array([[True, True, True, False]]))),
        Case(([[0], [0], [1]], 2), note="one draw per tree, three trees",
             expected=(_c([[1, 0], [1, 0], [0, 1]]),
                       np.array([[False, True], [False, True], [True, False]]))),
        Case((np.zeros((2, 0), dtype=int), 3), note="no draws at all: every row out of bag",
             expected=(_c([[0, 0, 0], [0, 0, 0]]), np.ones((2, 3), dtype=bool))),
        Case(([[1, 0, 2, 1, 0, 0, 2, 1]], 3), note="more draws than rows (max_samples > n)",
             expected=(_c([[3, 3, 2]]), np.array([[False, False, False]]))),
        Case(([[0, 1, 2], [2, 1, 0]], 3), note="every row drawn once by both trees",
             expected=(_c([[1, 1, 1], [1, 1, 1]]), np.zeros((2, 3), dtype=bool))),
        Case(([[4, 4], [0, 1]], 6), note="trees disjoint; rows 2, 3, 5 out of bag for both",
             expected=(_c([[0, 0, 0, 0, 2, 0], [1, 1, 0, 0, 0, 0]]),
                       np.array([[True, True, True, True, False, True],
                                 [False, False, True, True, True, True]]))),
    ]


def generated(rng):
    cases = []
    for i in range(28):
        n_trees = int(rng.integers(1, 40))
        n_samples = int(rng.integers(1, 300))
        # Plain bootstrap (n_draws = n) most of the time; sometimes max_samples != n.
        n_draws = n_samples if i % 3 else int(rng.integers(0, 2 * n_samples + 1))
        # Draw from fewer rows than exist now and then, so the last rows stay unseen.
        high = n_samples if i % 4 else max(1, n_samples // 2)
        draws = rng.integers(0, high, (n_trees, n_draws))
        args = (draws.tolist(), n_samples) if i % 5 == 0 else (draws, n_samples)
        cases.append(Case(args, note=f"{n_trees} trees, {n_samples} rows, {n_draws} draws",
                          size=n_trees * max(n_draws, n_samples)))
    return cases


SPEC = ExerciseSpec(
    function="bootstrap_oob",
    compare=Exact(),                      # integer counts and booleans: no rounding
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
