"""Cases for decision-trees/ccp-pruning-path.

Expected values come from mlinterview.ml.tree._pruning.pruning_path, the code behind the
library trees' cost_complexity_pruning_path (checked against scikit-learn in
tests/parity/test_tree.py). Generated trees are grown by DecisionTreeRegressor on
continuous targets (so no two branches tie in g by accident) and by
DecisionTreeClassifier with sample weights. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from mlinterview.ml.tree._pruning import pruning_path
from mlinterview.ml.tree._tree import Tree


def reference(children_left, children_right, impurity, weighted_n_node_samples):
    n = len(children_left)
    tree = Tree(children_left=children_left, children_right=children_right,
                feature=np.zeros(n), threshold=np.zeros(n), value=np.zeros((n, 1, 1)),
                impurity=impurity, n_node_samples=np.zeros(n),
                weighted_n_node_samples=weighted_n_node_samples, n_features=1)
    return pruning_path(tree)


def _a(*values):
    return np.array(values, dtype=float)


EXAMPLE = ([1, 3, 7, -1, 5, -1, -1, -1, -1], [2, 4, 8, -1, 6, -1, -1, -1, -1],
           [0.9375, 0.75, 0.625, 0, 0.5, 0, 0, 0, 0], [8, 4, 4, 2, 2, 1, 1, 3, 1])


def fixed():
    return [
        Case(EXAMPLE, note="the statement's example",
             expected=(_a(0, 0.125, 0.25, 0.28125), _a(0, 0.125, 0.375, 0.9375))),
        Case(([-1], [-1], [0.3], [5.0]), note="a single leaf: only the full tree",
             expected=(_a(0), _a(0.3))),
        # Root w 4, I 0.5 -> leaves w 2 (I 0.5) and w 2 (I 0): R(T) = 0.25, g = 0.25.
        Case(([1, -1, -1], [2, -1, -1], [0.5, 0.5, 0.0], [4.0, 2.0, 2.0]),
             note="a stump with an impure leaf", expected=(_a(0, 0.25), _a(0.25, 0.5))),
        # g(0) = 0.5/4, g(1) = 0.25/2, g(4) = 0.125/1: a three-way tie at 0.125 goes to the
        # smallest index, the root, which removes everything at once.
        Case(([1, 3, 7, -1, 5, -1, -1, -1, -1], [2, 4, 8, -1, 6, -1, -1, -1, -1],
              [0.5, 0.5, 0.375, 0, 0.5, 0, 0, 0, 0], [8, 4, 4, 2, 2, 1, 1, 3, 1]),
             note="a tie in g: the smallest node index (here the root) is pruned",
             expected=(_a(0, 0.125), _a(0, 0.5))),
        # A right-leaning chain: 0 -> (1 leaf, 2), 2 -> (3 leaf, 4), 4 -> (5 leaf, 6 leaf).
        # R = [1, 0, 0.5, 0, 0.2, 0, 0]. g(4) = 0.2, g(2) = 0.5/2 = 0.25, g(0) = 1/3:
        # prune 4 (total 0.2); then g(2) = 0.3, g(0) = 0.8/2 = 0.4: prune 2 (total 0.5);
        # then g(0) = 0.5: the root (total 1).
        Case(([1, -1, 3, -1, 5, -1, -1], [2, -1, 4, -1, 6, -1, -1],
              [1.0, 0.0, 0.5, 0.0, 0.2, 0.0, 0.0], [10, 5, 10, 5, 10, 5, 5]),
             note="a chain whose g values change after each collapse",
             expected=(_a(0, 0.2, 0.3, 0.5), _a(0, 0.2, 0.5, 1.0))),
    ]


def generated(rng):
    cases = []
    for i in range(22):
        n = int(rng.integers(10, 300))
        X = rng.normal(size=(n, 3))
        if i % 3 == 2:
            y = (X[:, 0] + rng.normal(size=n) > 0).astype(int)
            model = DecisionTreeClassifier(max_leaf_nodes=int(rng.integers(2, 25)),
                                           random_state=i)
            w = rng.uniform(0.5, 2.0, n)         # weights break ties between branches
        else:
            y = X[:, 0] ** 2 + X[:, 1] + rng.normal(size=n)
            model = DecisionTreeRegressor(max_leaf_nodes=int(rng.integers(2, 30)),
                                          min_samples_leaf=int(rng.integers(1, 6)),
                                          random_state=i)
            w = None
        t = model.fit(X, y, sample_weight=w).tree_
        cases.append(Case((t.children_left, t.children_right, t.impurity,
                           t.weighted_n_node_samples),
                          note=f"a fitted tree of {t.node_count} nodes", size=t.node_count))
    return cases


SPEC = ExerciseSpec(
    function="ccp_pruning_path",
    # Sums of at most 60 leaf impurities, recomputed or updated: ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
