"""The decision-trees demo's table against scikit-learn trees on the same data."""

import numpy as np
import pytest
from sklearn.tree import DecisionTreeClassifier as SkTree

from mlinterview.demos import registry
from mlinterview.demos.trees.decision_trees import make_moons

SPEC = registry()["decision-trees"]


def test_table_matches_sklearn():
    rows = SPEC.run(max_depth=4, n_samples=300, seed=2).result.table.rows
    X, y = make_moons(300, 0.3, 2)
    X_test, y_test = make_moons(2000, 0.3, 3)
    for depth, leaves, train, test in rows:
        ref = SkTree(max_depth=depth, random_state=0).fit(X, y)
        assert leaves == ref.get_n_leaves()
        assert train == pytest.approx(ref.score(X, y), abs=1e-4)
        assert test == pytest.approx(ref.score(X_test, y_test), abs=1e-4)


def test_deep_tree_memorises_and_overfits():
    rows = SPEC.run(max_depth=15, n_samples=300, noise=0.35).result.table.rows
    assert rows[-1][2] == 1.0                        # every training point in its own box
    assert max(r[3] for r in rows) > rows[-1][3]     # but a shallower tree generalises better
    assert all(r[1] <= 2 ** r[0] for r in rows)      # at most 2^depth leaves
    assert np.all(np.diff([r[2] for r in rows]) >= 0)
