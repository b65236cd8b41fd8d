"""Decision trees against scikit-learn 1.9.

Deterministic CART: with ``max_features=None`` and data on which no two candidate splits
of a node score the same, both libraries must grow the *same* tree. scikit-learn breaks
ties between features in a random order, so the data here are continuous features, with
depth or leaf-size limits that keep every node large enough for ties to be (almost
surely) absent. Structure (children, features) must match exactly; thresholds are the
same midpoints of the same float32 values (rtol 1e-12); impurities and values come from
the same sums added in a different order (rtol 1e-9).

Small nodes of a classification tree often tie: two different splits with the same
class-count tables. Continuous random sample weights (``_weights``) make weighted counts
distinct, so most structural tests fit with them; unweighted fits are compared on large
nodes only.
"""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.tree as sk

from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text


def _classification(n=400, n_features=5, n_classes=3, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features)).astype(dtype)
    score = X[:, 0] + 0.8 * X[:, 1] ** 2 - 0.5 * X[:, 2] * X[:, 3] + 0.4 * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1]))
    return X, y


def _regression(n=400, n_features=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))
    y = np.sin(2 * X[:, 0]) + X[:, 1] ** 2 + 0.3 * rng.normal(size=n)
    return X, y


def _weights(n, seed=0):
    return np.random.default_rng(100 + seed).uniform(0.5, 1.5, n)


def _impurity_sum(y, w, kind):
    """Weighted impurity times weight of one child, by brute force (independent code)."""
    if kind == "absolute_error":      # min over m of sum w |y - m|: any weighted median
        return min(float(np.sum(w * np.abs(y - m))) for m in y)
    if kind == "squared_error":
        mean = np.average(y, weights=w)
        return float(np.sum(w * (y - mean) ** 2))
    p = np.array([w[y == c].sum() for c in np.unique(y)]) / w.sum()
    if kind == "gini":
        return float(w.sum() * (1 - np.sum(p**2)))
    return float(-w.sum() * np.sum(p * np.log2(p)))


def _split_cost(X, y, w, feature, threshold, kind):
    left = X[:, feature] <= threshold
    return _impurity_sum(y[left], w[left], kind) + _impurity_sum(y[~left], w[~left], kind)


def assert_same_tree(ours, ref, X=None, y=None, w=None, kind=None, max_ties=0):
    """Node-for-node equality, walking both trees together.

    Where the two trees pick different splits at a node, the test checks with brute force
    that both splits cost the same (a tie, which scikit-learn breaks with its random
    feature order) and does not compare below it. At most ``max_ties`` such nodes.
    """
    a, b = ours.tree_, ref.tree_
    X32 = None if X is None else np.asarray(X, dtype=np.float32)
    w = None if X is None else (np.ones(len(y)) if w is None else np.asarray(w, float))
    ties = 0
    stack = [(0, 0)]
    while stack:
        i, j = stack.pop()
        assert a.n_node_samples[i] == b.n_node_samples[j], (i, j)
        np.testing.assert_allclose(a.weighted_n_node_samples[i], b.weighted_n_node_samples[j],
                                   rtol=1e-12)
        np.testing.assert_allclose(a.impurity[i], b.impurity[j], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(a.value[i], b.value[j], rtol=1e-9, atol=1e-12)
        a_leaf, b_leaf = a.children_left[i] < 0, b.children_left[j] < 0
        if a_leaf != b_leaf:
            # scikit-learn computes a child's impurity from the parent's running sums; a
            # pure node can come out at 1e-15 > machine epsilon and get a useless split
            # (improvement ~1e-17). We compute 0 and stop. Only that case is tolerated.
            assert max(a.impurity[i], b.impurity[j]) < 1e-12, f"node {i}: leaf in one only"
            ties += 1
            continue
        if a_leaf:
            continue
        same = a.feature[i] == b.feature[j] and np.isclose(a.threshold[i], b.threshold[j],
                                                           rtol=1e-12, atol=0)
        if not same:
            assert X is not None and ties < max_ties, f"node {i}: different split"
            at = ref.decision_path(X32)[:, j].toarray().ravel().astype(bool) & (w > 0)
            cost_a = _split_cost(X32[at], y[at], w[at], a.feature[i], a.threshold[i], kind)
            cost_b = _split_cost(X32[at], y[at], w[at], b.feature[j], b.threshold[j], kind)
            np.testing.assert_allclose(cost_a, cost_b, rtol=1e-9, err_msg="not a tie")
            ties += 1
            continue
        stack += [(a.children_left[i], b.children_left[j]),
                  (a.children_right[i], b.children_right[j])]
    if ties == 0:
        assert a.node_count == b.node_count
    return ties


LIMITS = [
    {"max_depth": 3},
    {"max_depth": 5, "min_samples_leaf": 10},
    {"min_samples_leaf": 15},
    {"min_samples_split": 60, "max_depth": 6},
    {"min_impurity_decrease": 0.01},
    {"max_leaf_nodes": 12},
    {"min_samples_leaf": 8, "ccp_alpha": 0.005},
    {"max_depth": 6, "min_samples_leaf": 0.03},
]


@pytest.mark.parametrize("criterion", ["gini", "entropy", "log_loss"])
@pytest.mark.parametrize("limits", LIMITS, ids=lambda d: ",".join(d))
def test_classifier_same_tree(criterion, limits):
    X, y = _classification()
    w = _weights(len(y))
    ours = DecisionTreeClassifier(criterion=criterion, **limits).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeClassifier(criterion=criterion, random_state=0, **limits).fit(
        X, y, sample_weight=w)
    kind = "gini" if criterion == "gini" else "entropy"
    if assert_same_tree(ours, ref, X, y, w, kind, max_ties=2):
        return                                   # a tie: predictions may differ below it
    X_test, _ = _classification(seed=1)
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test))
    np.testing.assert_allclose(ours.predict_proba(X_test), ref.predict_proba(X_test), rtol=1e-12)
    np.testing.assert_allclose(ours.feature_importances_, ref.feature_importances_,
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(ours.apply(X_test), ref.apply(X_test))
    assert ours.get_depth() == ref.get_depth() and ours.get_n_leaves() == ref.get_n_leaves()


@pytest.mark.parametrize("criterion", ["squared_error", "absolute_error"])
@pytest.mark.parametrize("limits", LIMITS[:3] + LIMITS[5:7], ids=lambda d: ",".join(d))
def test_regressor_same_tree(criterion, limits):
    X, y = _regression(n=250 if criterion == "absolute_error" else 400)
    w = _weights(len(y)) if limits.get("max_depth") == 3 else None     # weighted and not
    ours = DecisionTreeRegressor(criterion=criterion, **limits).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeRegressor(criterion=criterion, random_state=0, **limits).fit(
        X, y, sample_weight=w)
    if assert_same_tree(ours, ref, X, y, w, criterion, max_ties=2):
        return
    X_test, _ = _regression(seed=1)
    np.testing.assert_allclose(ours.predict(X_test), ref.predict(X_test), rtol=1e-9)


@pytest.mark.parametrize("shape", [(60, 2), (300, 8), (1000, 3)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_shapes_and_dtypes(shape, dtype):
    n, f = shape
    X, y = _classification(n=n, n_features=max(f, 4), n_classes=2, seed=n)
    X = X[:, :f] if f < 4 else X
    X = (X * 10).astype(dtype) if dtype == np.int64 else X.astype(dtype)
    limits = {"max_depth": 4, "min_samples_leaf": max(5, n // 40)}
    w = _weights(n, seed=n)
    ours = DecisionTreeClassifier(**limits).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeClassifier(random_state=0, **limits).fit(X, y, sample_weight=w)
    ties = assert_same_tree(ours, ref, X, y, w, "gini", max_ties=2)
    if not ties:
        np.testing.assert_array_equal(ours.predict(X), ref.predict(X))


def test_full_depth_fits_training_data_like_sklearn():
    # Fully grown trees meet ties in tiny nodes, so the structure may differ, but both
    # separate every training sample: the training predictions are the labels.
    X, y = _classification(n=300)
    ours = DecisionTreeClassifier().fit(X, y)
    ref = sk.DecisionTreeClassifier(random_state=0).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X), y)
    np.testing.assert_array_equal(ref.predict(X), y)
    assert abs(ours.get_n_leaves() - ref.get_n_leaves()) <= 3


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_sample_weight(criterion):
    X, y = _classification(n=300)
    # Some zero weights (those samples leave the tree) and continuous ones (no ties).
    w = _weights(len(y)) * (np.random.default_rng(3).random(len(y)) > 0.2)
    limits = {"max_depth": 4, "min_samples_leaf": 8}
    ours = DecisionTreeClassifier(criterion=criterion, **limits).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeClassifier(criterion=criterion, random_state=0, **limits).fit(
        X, y, sample_weight=w)
    kind = "gini" if criterion == "gini" else "entropy"
    if assert_same_tree(ours, ref, X, y, w, kind, max_ties=2):
        return                                   # a tie: predictions may differ below it


def test_sample_weight_regression_and_class_weight():
    X, y = _regression()
    w = np.random.default_rng(4).uniform(0.1, 3, len(y))
    ours = DecisionTreeRegressor(max_depth=4).fit(X, y, sample_weight=w)
    ref = sk.DecisionTreeRegressor(max_depth=4).fit(X, y, sample_weight=w)
    assert_same_tree(ours, ref, X, y, w, "squared_error", max_ties=3)
    Xc, yc = _classification()
    yc = (yc == 2).astype(int)
    wc = _weights(len(yc))
    balanced = len(yc) / (2 * np.bincount(yc))
    for cw, per_class in [("balanced", balanced), ({0: 1.0, 1: 3.0}, np.array([1.0, 3.0]))]:
        ours = DecisionTreeClassifier(max_depth=4, class_weight=cw).fit(Xc, yc, sample_weight=wc)
        ref = sk.DecisionTreeClassifier(max_depth=4, class_weight=cw, random_state=0).fit(
            Xc, yc, sample_weight=wc)
        assert_same_tree(ours, ref, Xc, yc, wc * per_class[yc], "gini", max_ties=1)


@pytest.mark.parametrize("model", ["clf", "reg"])
def test_cost_complexity_pruning_path(model):
    if model == "clf":
        X, y = _classification(n=300)
        ours, ref = DecisionTreeClassifier(min_samples_leaf=5), sk.DecisionTreeClassifier(
            min_samples_leaf=5, random_state=0)
    else:
        X, y = _regression(n=300)
        ours, ref = DecisionTreeRegressor(min_samples_leaf=5), sk.DecisionTreeRegressor(
            min_samples_leaf=5, random_state=0)
    w = _weights(len(y))
    a = ours.cost_complexity_pruning_path(X, y, sample_weight=w)
    b = ref.cost_complexity_pruning_path(X, y, sample_weight=w)
    # scikit-learn's path may hold steps of alpha ~1e-17: pruning the useless splits of
    # nodes that are pure up to rounding (see assert_same_tree). Compare the rest.
    keep_a = (a["ccp_alphas"] > 1e-12) | (np.arange(len(a["ccp_alphas"])) == 0)
    keep_b = (b.ccp_alphas > 1e-12) | (np.arange(len(b.ccp_alphas)) == 0)
    np.testing.assert_allclose(a["ccp_alphas"][keep_a], b.ccp_alphas[keep_b], rtol=1e-8)
    np.testing.assert_allclose(a["impurities"][keep_a], b.impurities[keep_b], rtol=1e-8,
                               atol=1e-14)
    # Between breakpoints (not on one, where rounding decides) the pruned trees agree.
    alphas = a["ccp_alphas"]
    for alpha in ((alphas[1:] + alphas[:-1]) / 2)[::4]:
        assert_same_tree(ours.set_params(ccp_alpha=float(alpha)).fit(X, y, sample_weight=w),
                         ref.set_params(ccp_alpha=float(alpha)).fit(X, y, sample_weight=w),
                         X, y, w, "gini" if model == "clf" else "squared_error", max_ties=2)


def test_export_text_matches_sklearn():
    X, y = _classification()
    ours = DecisionTreeClassifier(max_depth=3).fit(X, y)
    ref = sk.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    names = ["a", "b", "c", "d", "e"]
    assert export_text(ours, feature_names=names) == sk.export_text(ref, feature_names=names)
    assert export_text(ours, show_weights=True, decimals=3) == sk.export_text(
        ref, show_weights=True, decimals=3)
    Xr, yr = _regression()
    ours = DecisionTreeRegressor(max_depth=2).fit(Xr, yr)
    ref = sk.DecisionTreeRegressor(max_depth=2).fit(Xr, yr)
    assert export_text(ours) == sk.export_text(ref)


def test_max_features_random_subsets_score_like_sklearn():
    # Random feature subsets cannot match sklearn's random stream; the accuracy can.
    X, y = _classification(n=1500, n_features=8, n_classes=2, seed=5)
    X_test, y_test = _classification(n=2000, n_features=8, n_classes=2, seed=6)
    ours = np.mean([DecisionTreeClassifier(max_features="sqrt", max_depth=6, random_state=s)
                    .fit(X, y).score(X_test, y_test) for s in range(10)])
    ref = np.mean([sk.DecisionTreeClassifier(max_features="sqrt", max_depth=6, random_state=s)
                   .fit(X, y).score(X_test, y_test) for s in range(10)])
    assert abs(ours - ref) < 0.03
