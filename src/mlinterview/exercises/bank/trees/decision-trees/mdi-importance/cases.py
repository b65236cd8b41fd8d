"""Cases for decision-trees/mdi-importance.

Expected values come from mlinterview.ml.tree._tree.Tree.compute_feature_importances, the
code behind the library trees' feature_importances_ (checked against scikit-learn in
tests/parity/test_tree.py). Generated trees are fitted by DecisionTreeClassifier (Gini and
entropy) and DecisionTreeRegressor. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from mlinterview.ml.tree._tree import Tree


def reference(children_left, children_right, feature, impurity, weighted_n_node_samples,
              n_features):
    n = len(children_left)
    tree = Tree(children_left=children_left, children_right=children_right, feature=feature,
                threshold=np.zeros(n), value=np.zeros((n, 1, 1)), impurity=impurity,
                n_node_samples=np.zeros(n), weighted_n_node_samples=weighted_n_node_samples,
                n_features=n_features)
    return tree.compute_feature_importances()


EXAMPLE = ([1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [1, -2, 0, -2, -2],
           [0.5, 0.0, 4 / 9, 0.0, 0.0], [10.0, 4.0, 6.0, 3.0, 3.0])


def fixed():
    return [
        Case((*EXAMPLE, 3), note="the statement's example",
             expected=np.array([8 / 15, 7 / 15, 0.0])),
        Case(([-1], [-1], [-2], [0.5], [10.0], 2), note="a single leaf: all zeros",
             expected=np.zeros(2)),
        # Root tests feature 0 twice down the tree: root 8*0.5 - 4*0.5 - 4*0 = 2, node 1
        # 4*0.5 - 0 - 0 = 2. All credit to feature 0.
        Case(([1, 3, -1, -1, -1], [2, 4, -1, -1, -1], [0, 0, -2, -2, -2],
              [0.5, 0.5, 0.0, 0.0, 0.0], [8.0, 4.0, 4.0, 2.0, 2.0], 2),
             note="one feature split twice", expected=np.array([1.0, 0.0])),
        # XOR-like: the root split removes nothing (children as mixed as the parent).
        # root 4*0.5 - 2*0.5 - 2*0.5 = 0 (feature 0); nodes 1, 2: 2*0.5 = 1 each (feature 1).
        Case(([1, 3, 5, -1, -1, -1, -1], [2, 4, 6, -1, -1, -1, -1], [0, 1, 1, -2, -2, -2, -2],
              [0.5, 0.5, 0.5, 0, 0, 0, 0], [4.0, 2, 2, 1, 1, 1, 1], 2),
             note="XOR: the root's split decreases nothing", expected=np.array([0.0, 1.0])),
        # Weighted samples (sample_weight): root w = 5, I = 0.48 -> children w 2 (I 0) and
        # 3 (I 0): decrease 2.4, all to feature 2.
        Case(([1, -1, -1], [2, -1, -1], [2, -2, -2], [0.48, 0.0, 0.0], [5.0, 2.0, 3.0], 4),
             note="one split, features that are never used get 0",
             expected=np.array([0.0, 0.0, 1.0, 0.0])),
        Case(([1, -1, -1], [2, -1, -1], [0, -2, -2], [0.0, 0.0, 0.0], [3.0, 1.0, 2.0], 1),
             note="a split of a pure node: nothing removed, zeros not NaN",
             expected=np.zeros(1)),
        # Root 0 -> children 1 and 2 (a leaf); node 1 -> leaves 3 and 4.
        # root 10*1 - 5*0 - 5*0.8 = 6 (feature 1), node 1: 5*0.8 - 2*0 - 3*0.5 = 2.5 (f 0).
        Case(([1, 3, -1, -1, -1], [2, 4, -1, -1, -1], [1, 0, -2, -2, -2],
              [1.0, 0.8, 0.0, 0.0, 0.5], [10.0, 5.0, 5.0, 2.0, 3.0], 2),
             note="entropy-like impurities above 0.5", expected=np.array([2.5, 6.0]) / 8.5),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, p = int(rng.integers(10, 400)), int(rng.integers(1, 8))
        X = np.round(rng.normal(size=(n, p)), 2)
        if i % 3 == 2:
            y = X[:, 0] - 2 * X[:, -1] + rng.normal(size=n)
            model = DecisionTreeRegressor(max_depth=int(rng.integers(1, 8)), random_state=i)
        else:
            y = (X[:, 0] + rng.normal(size=n) > 0).astype(int) + (X[:, -1] > 1)
            model = DecisionTreeClassifier(criterion="gini" if i % 3 else "entropy",
                                           max_depth=int(rng.integers(1, 8)), random_state=i)
        w = rng.uniform(0.5, 2.0, n) if i % 4 == 0 else None
        t = model.fit(X, y, sample_weight=w).tree_
        args = (t.children_left, t.children_right, t.feature, t.impurity,
                t.weighted_n_node_samples, p)
        if i % 5 == 0:
            args = tuple(a.tolist() if isinstance(a, np.ndarray) else a for a in args)
        cases.append(Case(args, note=f"a fitted tree of {t.node_count} nodes, {p} features",
                          size=t.node_count))
    return cases


SPEC = ExerciseSpec(
    function="mdi_importance",
    # Sums of at most a few hundred decreases: ~1e-15 relative in any order.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
