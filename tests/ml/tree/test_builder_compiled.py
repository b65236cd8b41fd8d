"""The compiled tree builder against the readable level-wise builder.

``build_depth_first_compiled`` promises the *same* tree as ``build_depth_first``: same
node numbering, features, thresholds, and bit-identical values, impurities and weights
(it performs the same floating-point operations in the same order, and consumes the
same random draws). So the comparison here is exact (``np.array_equal``), on several
datasets, criteria, ``max_features``, leaf limits, unit / bootstrap-count / continuous
sample weights, and through a forest's shared presort.

Skipped when numba is not installed (the ``fast`` extra) or MLINTERVIEW_NO_NUMBA is set.
"""

from __future__ import annotations

import numpy as np
import pytest

from mlinterview.ml import _numba
from mlinterview.ml.ensemble import RandomForestClassifier, RandomForestRegressor
from mlinterview.ml.tree import DecisionTreeClassifier, DecisionTreeRegressor
from mlinterview.ml.tree import _classes as tree_classes
from mlinterview.ml.tree._builder_compiled import criterion_kind
from mlinterview.ml.tree._criterion import AbsoluteError, ClassificationCriterion
from mlinterview.ml.tree.criteria import entropy_from_counts

needs_numba = pytest.mark.skipif(not _numba.use_numba(),
                                 reason="numba (the 'fast' extra) is not installed or "
                                        "MLINTERVIEW_NO_NUMBA is set: no compiled twin")

FIELDS_EXACT = ("children_left", "children_right", "feature", "threshold", "value",
                "impurity", "n_node_samples", "weighted_n_node_samples")


def assert_identical(a, b):
    """Two ``Tree`` objects with the same nodes, bit for bit."""
    assert a.node_count == b.node_count
    for name in FIELDS_EXACT:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


def _fit_both(monkeypatch, make, X, y, w):
    """(readable tree, compiled tree) of ``make()`` fitted on the same data."""
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    readable = make().fit(X, y, sample_weight=w)
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "0")
    compiled = make().fit(X, y, sample_weight=w)
    return readable, compiled


def _data(n, d, n_classes, seed, ties=False):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    if ties:                                   # few distinct values: many tied splits
        X = np.round(X * 2) / 2
    score = X[:, 0] + X[:, 1] ** 2 - X[:, 2] * X[:, min(3, d - 1)] + rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1]))
    return X, y, score


def _weights(kind, n, seed):
    rng = np.random.default_rng(seed)
    if kind == "bootstrap":                    # integer counts, some 0 (what forests pass)
        return np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
    if kind == "continuous":
        return rng.uniform(0.2, 2.0, n)
    return None


DATASETS = [(300, 4, 2, 0, False), (800, 9, 3, 1, False), (600, 6, 4, 2, True),
            (150, 20, 2, 3, False)]


@needs_numba
@pytest.mark.parametrize("data", DATASETS, ids=lambda d: f"{d[0]}x{d[1]}k{d[2]}")
@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("max_features", [None, "sqrt", 0.5])
@pytest.mark.parametrize("weights", [None, "bootstrap", "continuous"])
def test_classifier_trees_identical(monkeypatch, data, criterion, max_features, weights):
    n, d, k, seed, ties = data
    X, y, _ = _data(n, d, k, seed, ties)
    w = _weights(weights, n, seed)
    for limits in ({}, {"min_samples_leaf": 4, "max_depth": 7},
                   {"min_samples_split": 10, "min_impurity_decrease": 0.002}):
        def make(limits=limits):
            return DecisionTreeClassifier(criterion=criterion, max_features=max_features,
                                          random_state=seed, **limits)
        readable, compiled = _fit_both(monkeypatch, make, X, y, w)
        assert_identical(readable.tree_, compiled.tree_)


@needs_numba
@pytest.mark.parametrize("data", DATASETS[:3], ids=lambda d: f"{d[0]}x{d[1]}")
@pytest.mark.parametrize("max_features", [None, 0.4])
@pytest.mark.parametrize("weights", [None, "bootstrap", "continuous"])
def test_regressor_trees_identical(monkeypatch, data, max_features, weights):
    n, d, k, seed, ties = data
    X, _, y = _data(n, d, k, seed, ties)
    w = _weights(weights, n, seed)
    for limits in ({}, {"min_samples_leaf": 5},
                   {"max_depth": 4, "min_weight_fraction_leaf": 0.01}):
        def make(limits=limits):
            return DecisionTreeRegressor(max_features=max_features, random_state=seed,
                                         **limits)
        readable, compiled = _fit_both(monkeypatch, make, X, y, w)
        assert_identical(readable.tree_, compiled.tree_)


@needs_numba
def test_float32_input_and_class_weight(monkeypatch):
    X, y, _ = _data(500, 5, 3, 7)
    X = X.astype(np.float32)
    readable, compiled = _fit_both(
        monkeypatch, lambda: DecisionTreeClassifier(class_weight="balanced", max_features=3,
                                                    random_state=0), X, y, None)
    assert_identical(readable.tree_, compiled.tree_)


@needs_numba
@pytest.mark.parametrize("forest", [RandomForestClassifier, RandomForestRegressor])
def test_forest_trees_identical(monkeypatch, forest):
    # The forest shares one presort between its trees (each keeps its bootstrap rows).
    X, y, score = _data(400, 8, 3, 11)
    target = y if forest is RandomForestClassifier else score
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "1")
    readable = forest(6, max_features=3, random_state=0).fit(X, target)
    monkeypatch.setenv("MLINTERVIEW_NO_NUMBA", "0")
    compiled = forest(6, max_features=3, random_state=0, n_jobs=2).fit(X, target)
    for a, b in zip(readable.estimators_, compiled.estimators_, strict=True):
        assert_identical(a.tree_, b.tree_)


def test_restricted_presort_equals_a_fresh_sort():
    rng = np.random.default_rng(0)
    Xt = np.round(rng.normal(size=(5, 200)), 1).astype(np.float32)     # with ties
    used = rng.random(200) > 0.4
    full = np.argsort(Xt, axis=1, kind="stable")
    expected = np.argsort(Xt[:, used], axis=1, kind="stable")
    np.testing.assert_array_equal(tree_classes._restrict_presort(full, used), expected)


def test_unsupported_criteria_use_the_readable_builder():
    w = np.array([1.0, 0.5, 2.0])
    assert criterion_kind(AbsoluteError(np.zeros(3), w)) is None
    # Entropy with non-integer weights: NumPy's and libm's log2 may differ in the last bit.
    assert criterion_kind(ClassificationCriterion(entropy_from_counts, np.array([0, 1, 0]),
                                                  2, w)) is None
    kind, table = criterion_kind(ClassificationCriterion(entropy_from_counts,
                                                         np.array([0, 1, 0]), 2, w * 2))
    assert kind == 1 and len(table) == 8          # c log2 c for c = 0 .. total weight 7
    np.testing.assert_allclose(table[:5], [0.0, 0.0, 2.0, 3 * np.log2(3), 8.0], rtol=1e-15)
