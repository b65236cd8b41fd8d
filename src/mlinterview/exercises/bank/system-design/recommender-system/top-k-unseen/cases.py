"""Cases for recommender-system/top-k-unseen.

Expected values come from mlinterview.ml.design.recsys.top_k (argpartition with an
explicit tie rule), tested against a full sort in tests/ml/design/test_recsys.py and
against torch.topk in tests/parity/test_recommender_system.py. The fixed cases are worked
by hand.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.design.recsys import top_k


def reference(scores, seen, k):
    return top_k(np.asarray(scores, dtype=float), k, exclude=np.asarray(seen, dtype=bool))


def _b(rows):
    return np.array(rows, dtype=bool)


S = np.array([[0.1, 0.9, 0.5, 0.7], [3.0, 3.0, 1.0, 3.0]])
SEEN = _b([[0, 1, 0, 0], [0, 0, 0, 1]])


def fixed():
    return [
        Case((S, SEEN, 2), note="the statement's example", expected=np.array([[3, 2], [0, 1]])),
        Case((S, SEEN, 4), note="fewer unseen items than k: -1 at the end",
             expected=np.array([[3, 2, 0, -1], [0, 1, 2, -1]])),
        Case((S, SEEN, 7), note="k larger than the catalogue: n_items slots",
             expected=np.array([[3, 2, 0, -1], [0, 1, 2, -1]])),
        Case((np.array([[-1.0, -5.0, -0.5, -2.0]]), _b([[0, 0, 1, 0]]), 2),
             note="negative scores: the seen item (-0.5) is still the best score",
             expected=np.array([[0, 3]])),
        Case((np.array([[-1.0, -5.0, -0.5, -2.0]]), _b([[0, 0, 0, 0]]), 2),
             note="negative scores, nothing seen", expected=np.array([[2, 0]])),
        Case((np.array([[2.0, 2.0, 2.0, 2.0, 2.0]]), _b([[1, 0, 0, 0, 0]]), 3),
             note="all tied: lowest unseen indices first", expected=np.array([[1, 2, 3]])),
        Case((np.array([[1.0, 4.0, 4.0, 0.0, 4.0]]), _b([[0, 0, 0, 0, 0]]), 2),
             note="a tie across the cut: items 1 and 2 win, 4 does not",
             expected=np.array([[1, 2]])),
        Case((np.array([[1.0, 2.0], [5.0, 0.0]]), _b([[1, 1], [1, 1]]), 1),
             note="everything seen", expected=np.array([[-1], [-1]])),
        Case((np.array([[0.0, 0.0, 1.0]]), _b([[0, 0, 0]]), 3),
             note="zeros tie below a positive score", expected=np.array([[2, 0, 1]])),
        Case((np.array([[0.3, 0.1, 0.2]]), _b([[0, 0, 0]]), 1),
             note="k = 1", expected=np.array([[0]])),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        n_users = int(rng.integers(1, 50))
        n_items = int(rng.integers(1, 150))
        if i % 2:
            scores = rng.integers(-3, 4, size=(n_users, n_items)).astype(float)  # ties
        else:
            scores = rng.normal(size=(n_users, n_items))
        seen = rng.random((n_users, n_items)) < rng.choice([0.0, 0.2, 0.6, 0.95])
        k = int(rng.choice([1, 2, 5, 20, n_items, n_items + 3]))
        cases.append(Case((scores, seen, k), note=f"{n_users} users, {n_items} items, "
                          f"k = {k}", size=n_users * n_items))
    return cases


SPEC = ExerciseSpec(
    function="recommend",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
