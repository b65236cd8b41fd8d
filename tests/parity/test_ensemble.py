"""Ensembles against scikit-learn 1.9.

Deterministic ensembles must predict what scikit-learn predicts:

- AdaBoost (SAMME) with stumps and gradient boosting with ``subsample=1.0`` grow the same
  trees when no two candidate splits tie. Continuous random ``sample_weight`` makes tied
  scores (almost surely) absent, and ``min_samples_leaf`` keeps nodes large: in a small
  node two features can cut off the very same samples (one point that is extreme in both),
  a true tie that scikit-learn breaks by a random feature order. Then predictions,
  decision functions, probabilities and per-stage losses agree to 1e-8 (the same float64
  sums in another order differ around 1e-15).
- Voting and stacking are given the same (deterministic, scikit-learn) base models and
  the same folds, so they must agree to 1e-10.

Randomised ensembles (forests, bagging) draw different bootstrap samples, so they are
compared on their quality: test accuracy / R² averaged over 5 seeds within 1 point of
scikit-learn's, and the out-of-bag score close to the held-out score.
"""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.ensemble as ske
from sklearn.datasets import load_breast_cancer, make_classification, make_friedman1
from sklearn.linear_model import LogisticRegression as SkLogistic
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier as SkTree

from mlinterview.ml import ensemble as ours
from mlinterview.ml.tree import DecisionTreeClassifier

TOL = 1e-8


def _classification(n=300, n_classes=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5))
    score = X[:, 0] + 0.8 * X[:, 1] ** 2 - 0.5 * X[:, 2] * X[:, 3] + 0.4 * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1]))
    return X, y, rng.uniform(0.5, 1.5, n)


def _regression(n=300, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    y = np.sin(2 * X[:, 0]) + X[:, 1] ** 2 + 0.3 * rng.normal(size=n)
    return X, y, rng.uniform(0.5, 1.5, n)


# --------------------------------------------------------------------------- AdaBoost


@pytest.mark.parametrize("n_classes", [2, 3, 4])
@pytest.mark.parametrize("learning_rate", [1.0, 0.5])
def test_adaboost_samme_stumps_match(n_classes, learning_rate):
    X, y, w = _classification(n_classes=n_classes, seed=n_classes)
    kw = dict(n_estimators=25, learning_rate=learning_rate, random_state=0)
    a = ours.AdaBoostClassifier(**kw).fit(X, y, sample_weight=w)
    b = ske.AdaBoostClassifier(**kw).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(a.estimator_weights_, b.estimator_weights_, rtol=TOL)
    np.testing.assert_allclose(a.estimator_errors_, b.estimator_errors_, rtol=TOL)
    X_test = np.random.default_rng(9).normal(size=(200, 5))
    np.testing.assert_array_equal(a.predict(X_test), b.predict(X_test))
    np.testing.assert_allclose(a.decision_function(X_test), b.decision_function(X_test),
                               atol=TOL)
    np.testing.assert_allclose(a.predict_proba(X_test), b.predict_proba(X_test), atol=TOL)
    np.testing.assert_allclose(a.feature_importances_, b.feature_importances_, atol=TOL)
    for sa, sb in zip(a.staged_predict(X_test), b.staged_predict(X_test), strict=True):
        np.testing.assert_array_equal(sa, sb)


def test_adaboost_string_labels_and_deeper_trees():
    X, y, w = _classification(n_classes=3, seed=5)
    labels = np.array(["cat", "dog", "emu"])[y]
    a = ours.AdaBoostClassifier(DecisionTreeClassifier(max_depth=2), n_estimators=10,
                                random_state=0).fit(X, labels, sample_weight=w)
    b = ske.AdaBoostClassifier(SkTree(max_depth=2), n_estimators=10,
                               random_state=0).fit(X, labels, sample_weight=w)
    np.testing.assert_array_equal(a.predict(X), b.predict(X))
    np.testing.assert_allclose(a.estimator_weights_, b.estimator_weights_, rtol=TOL)


# ------------------------------------------------------------------ gradient boosting


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("kw", [dict(min_samples_leaf=10),
                                dict(learning_rate=0.3, max_depth=2, min_samples_leaf=10),
                                dict(min_samples_leaf=12, max_leaf_nodes=6)])
def test_gradient_boosting_classifier_matches(n_classes, kw):
    X, y, w = _classification(n_classes=n_classes, seed=10 + n_classes)
    a = ours.GradientBoostingClassifier(n_estimators=20, random_state=0, **kw).fit(
        X, y, sample_weight=w)
    b = ske.GradientBoostingClassifier(n_estimators=20, random_state=0, **kw).fit(
        X, y, sample_weight=w)
    X_test = np.random.default_rng(3).normal(size=(200, 5))
    np.testing.assert_array_equal(a.predict(X_test), b.predict(X_test))
    np.testing.assert_allclose(a.decision_function(X_test), b.decision_function(X_test),
                               atol=TOL)
    np.testing.assert_allclose(a.predict_proba(X_test), b.predict_proba(X_test), atol=TOL)
    np.testing.assert_allclose(a.train_score_, b.train_score_, rtol=TOL)
    np.testing.assert_allclose(a.feature_importances_, b.feature_importances_, atol=1e-6)
    for sa, sb in zip(a.staged_predict_proba(X_test), b.staged_predict_proba(X_test),
                      strict=True):
        np.testing.assert_allclose(sa, sb, atol=TOL)


@pytest.mark.parametrize("kw", [dict(min_samples_leaf=10),
                                dict(learning_rate=0.5, max_depth=4, min_samples_leaf=15),
                                dict(min_samples_leaf=20, max_leaf_nodes=5)])
def test_gradient_boosting_regressor_matches(kw):
    X, y, w = _regression(seed=1)
    a = ours.GradientBoostingRegressor(n_estimators=30, random_state=0, **kw).fit(
        X, y, sample_weight=w)
    b = ske.GradientBoostingRegressor(n_estimators=30, random_state=0, **kw).fit(
        X, y, sample_weight=w)
    X_test = np.random.default_rng(4).normal(size=(200, 4))
    np.testing.assert_allclose(a.predict(X_test), b.predict(X_test), atol=TOL)
    np.testing.assert_allclose(a.train_score_, b.train_score_, rtol=TOL)
    np.testing.assert_allclose(a.feature_importances_, b.feature_importances_, atol=1e-6)
    for sa, sb in zip(a.staged_predict(X_test), b.staged_predict(X_test), strict=True):
        np.testing.assert_allclose(sa, sb, atol=TOL)


def test_gradient_boosting_float32_and_zero_init():
    X, y, w = _regression(seed=2)
    X = X.astype(np.float32)
    a = ours.GradientBoostingRegressor(n_estimators=10, init="zero", random_state=0).fit(
        X, y, sample_weight=w)
    b = ske.GradientBoostingRegressor(n_estimators=10, init="zero", random_state=0).fit(
        X, y, sample_weight=w)
    np.testing.assert_allclose(a.predict(X), b.predict(X), atol=TOL)


def test_gradient_boosting_init_estimator():
    X, y, _ = _classification(n_classes=3, seed=7)
    init = GaussianNB()
    a = ours.GradientBoostingClassifier(n_estimators=10, init=init, random_state=0).fit(X, y)
    b = ske.GradientBoostingClassifier(n_estimators=10, init=init, random_state=0).fit(X, y)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-6)


# ------------------------------------------------------------------ voting, stacking


def _bases():
    return [("lr", SkLogistic(max_iter=500)), ("tree", SkTree(max_depth=3, random_state=0)),
            ("nb", GaussianNB())]


@pytest.mark.parametrize("voting", ["hard", "soft"])
@pytest.mark.parametrize("weights", [None, [2.0, 1.0, 1.0]])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_voting_matches(voting, weights, n_classes):
    X, y, _ = _classification(n_classes=n_classes, seed=20)
    a = ours.VotingClassifier(_bases(), voting=voting, weights=weights).fit(X, y)
    b = ske.VotingClassifier(_bases(), voting=voting, weights=weights).fit(X, y)
    X_test = np.random.default_rng(5).normal(size=(300, 5))
    np.testing.assert_array_equal(a.predict(X_test), b.predict(X_test))
    if voting == "soft":
        np.testing.assert_allclose(a.predict_proba(X_test), b.predict_proba(X_test),
                                   atol=1e-10)


def test_voting_passes_sample_weight_on():
    # scikit-learn fits every member with the sample weights; skewed integer weights move
    # the members' fits, so ignoring them would change the probabilities.
    X, y, _ = _classification(n_classes=3, seed=21)
    w = np.random.default_rng(2).integers(1, 6, len(y)).astype(float)
    a = ours.VotingClassifier(_bases(), voting="soft").fit(X, y, sample_weight=w)
    b = ske.VotingClassifier(_bases(), voting="soft").fit(X, y, sample_weight=w)
    X_test = np.random.default_rng(6).normal(size=(300, 5))
    np.testing.assert_allclose(a.predict_proba(X_test), b.predict_proba(X_test), atol=1e-10)
    unweighted = ours.VotingClassifier(_bases(), voting="soft").fit(X, y)
    assert np.abs(unweighted.predict_proba(X_test) - a.predict_proba(X_test)).max() > 1e-3


def test_stacking_folds_are_scikit_learns():
    rng = np.random.default_rng(0)
    for n, k in [(50, 2), (97, 3), (200, 4)]:
        y = rng.integers(0, k, n)
        got = ours.StackingClassifier([], cv=5)._splits(y)
        ref = list(StratifiedKFold(5).split(np.zeros(n), y))
        assert len(got) == len(ref)
        for (tr, te), (rtr, rte) in zip(got, ref, strict=True):
            np.testing.assert_array_equal(te, rte)
            np.testing.assert_array_equal(tr, rtr)
    with pytest.raises(ValueError, match="each class needs at least 5 samples"):
        ours.StackingClassifier([], cv=5)._splits(np.array([0] * 10 + [1] * 4))


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("passthrough", [False, True])
def test_stacking_matches(n_classes, passthrough):
    X, y, _ = _classification(n_classes=n_classes, seed=30)
    final = SkLogistic(max_iter=1000)
    a = ours.StackingClassifier(_bases(), final, passthrough=passthrough).fit(X, y)
    b = ske.StackingClassifier(_bases(), final, passthrough=passthrough).fit(X, y)
    X_test = np.random.default_rng(6).normal(size=(300, 5))
    np.testing.assert_allclose(a.transform(X_test), b.transform(X_test), atol=1e-10)
    np.testing.assert_allclose(a.predict_proba(X_test), b.predict_proba(X_test), atol=1e-8)
    np.testing.assert_array_equal(a.predict(X_test), b.predict(X_test))


# ------------------------------------------------------------ forests and bagging


def _datasets_clf():
    X, y = make_classification(600, 12, n_informative=6, n_classes=3, random_state=0)
    yield "make_classification", X, y
    X, y = load_breast_cancer(return_X_y=True)
    yield "breast_cancer", X, y


def _mean_scores(make_ours, make_ref, X, y, seeds=range(5)):
    a, b = [], []
    for s in seeds:
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=s)
        a.append(make_ours(s).fit(Xtr, ytr).score(Xte, yte))
        b.append(make_ref(s).fit(Xtr, ytr).score(Xte, yte))
    return float(np.mean(a)), float(np.mean(b))


@pytest.mark.slow
@pytest.mark.parametrize("name, X, y", list(_datasets_clf()))
def test_random_forest_classifier_accuracy_close(name, X, y):
    a, b = _mean_scores(lambda s: ours.RandomForestClassifier(40, random_state=s),
                        lambda s: ske.RandomForestClassifier(40, random_state=s), X, y)
    assert abs(a - b) <= 0.01, (name, a, b)


@pytest.mark.slow
def test_random_forest_regressor_r2_close():
    X, y = make_friedman1(500, noise=0.5, random_state=0)
    a, b = _mean_scores(lambda s: ours.RandomForestRegressor(40, random_state=s),
                        lambda s: ske.RandomForestRegressor(40, random_state=s), X, y)
    assert abs(a - b) <= 0.01, (a, b)
    a, b = _mean_scores(
        lambda s: ours.RandomForestRegressor(40, max_features=0.33, random_state=s),
        lambda s: ske.RandomForestRegressor(40, max_features=0.33, random_state=s), X, y)
    assert abs(a - b) <= 0.01, (a, b)


@pytest.mark.slow
@pytest.mark.parametrize("name, X, y", list(_datasets_clf()))
def test_bagging_accuracy_close(name, X, y):
    a, b = _mean_scores(lambda s: ours.BaggingClassifier(n_estimators=20, random_state=s),
                        lambda s: ske.BaggingClassifier(n_estimators=20, random_state=s),
                        X, y)
    assert abs(a - b) <= 0.01, (name, a, b)


@pytest.mark.slow
def test_oob_score_tracks_held_out_score():
    X, y = make_classification(800, 10, n_informative=5, random_state=1)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0)
    rf = ours.RandomForestClassifier(60, oob_score=True, random_state=0).fit(Xtr, ytr)
    ref = ske.RandomForestClassifier(60, oob_score=True, random_state=0).fit(Xtr, ytr)
    assert abs(rf.oob_score_ - rf.score(Xte, yte)) < 0.04
    assert abs(rf.oob_score_ - ref.oob_score_) < 0.03
    bag = ours.BaggingClassifier(n_estimators=40, oob_score=True, random_state=0).fit(Xtr, ytr)
    assert abs(bag.oob_score_ - bag.score(Xte, yte)) < 0.04
    Xr, yr = make_friedman1(600, noise=0.5, random_state=1)
    reg = ours.RandomForestRegressor(60, oob_score=True, random_state=0).fit(Xr[:300], yr[:300])
    assert abs(reg.oob_score_ - reg.score(Xr[300:], yr[300:])) < 0.05
