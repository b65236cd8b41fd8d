"""The estimator contract for both trees, and behaviour that needs no reference."""

from __future__ import annotations

import numpy as np
import pytest

from mlinterview.ml.base import clone
from mlinterview.ml.exceptions import NotFittedError
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text


def _data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(200, 4))
    return X, (X[:, 0] + X[:, 1] > 0).astype(int), X[:, 0] * 2 + rng.normal(size=200) * 0.1


@pytest.mark.parametrize("Est", [DecisionTreeClassifier, DecisionTreeRegressor])
def test_contract(Est):
    X, yc, yr = _data()
    y = yc if Est is DecisionTreeClassifier else yr
    est = Est(max_depth=3, max_features=2, random_state=7)
    params = est.get_params()
    assert clone(est).get_params() == params
    assert est.set_params(max_depth=4) is est and est.max_depth == 4
    with pytest.raises(NotFittedError):
        est.predict(X)
    assert est.fit(X, y) is est
    again = Est(max_depth=4, max_features=2, random_state=7).fit(X, y)
    np.testing.assert_array_equal(est.tree_.threshold, again.tree_.threshold)
    assert est.max_depth == 4 and est.max_features == 2          # parameters unchanged
    with pytest.raises(ValueError, match="X"):
        est.fit(np.where(X > 2, np.nan, X), y)
    with pytest.raises(ValueError, match="X"):
        est.fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent"):
        est.fit(X, y[:-1])
    with pytest.raises(ValueError, match="X"):
        est.fit(X[:0], y[:0])
    with pytest.raises(ValueError, match=r"X has 3 features, but \w+ is expecting 4 features"):
        est.predict(X[:, :3])
    with pytest.raises(ValueError, match="criterion"):
        Est(criterion="nope").fit(X, y)
    with pytest.raises(ValueError, match="max_depth"):
        Est(max_depth=0).fit(X, y)
    with pytest.raises(ValueError, match="max_features"):
        Est(max_features="half").fit(X, y)


def test_one_class_is_refused():
    X, _yc, _ = _data()
    with pytest.raises(ValueError, match="y: expected at least 2 classes"):
        DecisionTreeClassifier().fit(X, np.zeros(len(X)))


def test_pure_split_by_hand():
    # One feature, labels switch at x = 2.5: one split, two pure leaves.
    X = np.array([[1.0], [2.0], [3.0], [4.0]])
    tree = DecisionTreeClassifier().fit(X, ["a", "a", "b", "b"])
    assert tree.tree_.node_count == 3 and tree.tree_.threshold[0] == 2.5
    assert list(tree.predict([[0.0], [2.4], [2.6], [9.0]])) == ["a", "a", "b", "b"]
    assert export_text(tree) == ("|--- feature_0 <= 2.50\n|   |--- class: a\n"
                                 "|--- feature_0 >  2.50\n|   |--- class: b\n")


def test_pruning_shrinks_monotonically():
    X, yc, _ = _data(1)
    yc = np.where(np.random.default_rng(2).random(len(yc)) < 0.15, 1 - yc, yc)   # noise
    path = DecisionTreeClassifier().cost_complexity_pruning_path(X, yc)
    leaves = [DecisionTreeClassifier(ccp_alpha=float(a)).fit(X, yc).get_n_leaves()
              for a in path["ccp_alphas"][::3]]
    assert leaves == sorted(leaves, reverse=True) and leaves[-1] >= 1
    assert np.all(np.diff(path["impurities"]) >= -1e-12)


def test_max_leaf_nodes_and_vectorised_predict_agree_with_walk():
    X, yc, _ = _data(3)
    tree = DecisionTreeClassifier(max_leaf_nodes=7).fit(X, yc)
    assert tree.get_n_leaves() == 7
    t = tree.tree_
    for row, leaf in zip(X[:30], tree.apply(X[:30]), strict=True):   # walk one sample
        node = 0
        while t.children_left[node] >= 0:
            go_left = np.float32(row[t.feature[node]]) <= t.threshold[node]
            node = t.children_left[node] if go_left else t.children_right[node]
        assert node == leaf
