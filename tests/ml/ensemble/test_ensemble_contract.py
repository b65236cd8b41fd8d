"""The estimator contract for every ensemble, and behaviour checked without a reference:
SAMME's update by hand, OOB masks, bootstrap counts, parallel == serial."""

from __future__ import annotations

import numpy as np
import pytest

from mlinterview.ml.base import clone
from mlinterview.ml.ensemble import (
    AdaBoostClassifier,
    BaggingClassifier,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
    StackingClassifier,
    VotingClassifier,
    samme_update,
)
from mlinterview.ml.exceptions import NotFittedError
from mlinterview.ml.tree import DecisionTreeClassifier


def _data(seed=0, n=120):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    return X, (X[:, 0] + X[:, 1] > 0).astype(int), X[:, 0] * 2 + rng.normal(size=n) * 0.1


def _bases():
    return [("a", DecisionTreeClassifier(max_depth=2, random_state=0)),
            ("b", DecisionTreeClassifier(max_depth=4, random_state=1))]


# (factory, is_classifier, a parameter to change, a value for it)
ESTIMATORS = [
    (lambda: RandomForestClassifier(8, max_depth=4, random_state=7), True, "max_depth", 3),
    (lambda: RandomForestRegressor(8, max_depth=4, random_state=7), False, "max_depth", 3),
    (lambda: BaggingClassifier(n_estimators=6, random_state=7), True, "n_estimators", 5),
    (lambda: AdaBoostClassifier(n_estimators=8, random_state=7), True, "learning_rate", 0.5),
    (lambda: GradientBoostingClassifier(n_estimators=8, subsample=0.7, random_state=7), True,
     "learning_rate", 0.2),
    (lambda: GradientBoostingRegressor(n_estimators=8, subsample=0.7, random_state=7), False,
     "learning_rate", 0.2),
    (lambda: VotingClassifier(_bases(), voting="soft"), True, "voting", "hard"),
    (lambda: StackingClassifier(_bases(), cv=3), True, "passthrough", True),
]
IDS = ["rf-clf", "rf-reg", "bagging", "adaboost", "gb-clf", "gb-reg", "voting", "stacking"]


def _output(est, X):
    if hasattr(est, "predict_proba"):
        return est.predict_proba(X)
    return est.predict(X)


@pytest.mark.parametrize("make, is_clf, param, value", ESTIMATORS, ids=IDS)
def test_contract(make, is_clf, param, value):
    X, yc, yr = _data()
    y = yc if is_clf else yr
    est = make()
    params = est.get_params(deep=False)
    assert clone(est).get_params(deep=False).keys() == params.keys()
    assert est.set_params(**{param: value}) is est and getattr(est, param) == value
    with pytest.raises(NotFittedError):
        est.predict(X)
    assert est.fit(X, y) is est
    assert getattr(est, param) == value                         # fit changes no parameter
    again = clone(est).fit(X, y)                                 # same random_state
    np.testing.assert_array_equal(_output(est, X), _output(again, X))
    with pytest.raises(ValueError, match="X"):
        clone(est).fit(np.where(X > 2, np.nan, X), y)
    with pytest.raises(ValueError, match="X"):
        clone(est).fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent"):
        clone(est).fit(X, y[:-1])
    with pytest.raises(ValueError, match="X"):
        clone(est).fit(X[:0], y[:0])
    with pytest.raises(ValueError, match=r"X has 3 features, but \w+ is expecting 4 features"):
        est.predict(X[:, :3])
    if is_clf:
        with pytest.raises(ValueError, match="y: expected at least 2 classes"):
            clone(est).fit(X, np.zeros(len(X)))
        assert set(np.unique(est.predict(X))) <= {0, 1}


@pytest.mark.parametrize("make, bad", [
    (lambda: RandomForestClassifier(n_estimators=0), "n_estimators"),
    (lambda: RandomForestClassifier(max_features="half"), "max_features"),
    (lambda: RandomForestClassifier(oob_score=True, bootstrap=False), "oob_score"),
    (lambda: RandomForestRegressor(max_samples=1.5), "max_samples"),
    (lambda: BaggingClassifier(max_samples=0.0), "max_samples"),
    (lambda: AdaBoostClassifier(learning_rate=0), "learning_rate"),
    (lambda: GradientBoostingClassifier(loss="hinge"), "loss"),
    (lambda: GradientBoostingRegressor(subsample=0), "subsample"),
    (lambda: VotingClassifier(_bases(), voting="median"), "voting"),
    (lambda: VotingClassifier([]), "estimators"),
    (lambda: StackingClassifier(_bases(), cv=1), "cv"),
])
def test_bad_parameters_are_named(make, bad):
    X, yc, yr = _data()
    y = yr if isinstance(make(), RandomForestRegressor | GradientBoostingRegressor) else yc
    with pytest.raises(ValueError, match=bad):
        make().fit(X, y)


def test_samme_update_by_hand():
    # 4 samples of weight 1/4, one misclassified, K = 3 classes:
    # err = 1/4, alpha = log(3) + log(2) = log 6; the wrong sample's weight x6, then
    # normalised: [1, 1, 1, 6] / 9.
    w = np.full(4, 0.25)
    err, alpha, new = samme_update(w, np.array([False, False, False, True]), 3)
    assert err == pytest.approx(0.25)
    assert alpha == pytest.approx(np.log(6))
    np.testing.assert_allclose(new, np.array([1, 1, 1, 6]) / 9)
    # Two classes: alpha = log(3) and the misclassified weight ends at 1/2 exactly.
    err, alpha, new = samme_update(w, np.array([True, False, False, False]), 2)
    assert alpha == pytest.approx(np.log(3)) and new[0] == pytest.approx(0.5)


def test_forest_parallel_equals_serial_and_oob_is_out_of_bag():
    X, yc, _ = _data(1, n=150)
    with pytest.warns(UserWarning, match="do not have OOB scores"):
        serial = RandomForestClassifier(6, oob_score=True, random_state=3).fit(X, yc)
    with pytest.warns(UserWarning, match="do not have OOB scores"):
        parallel = RandomForestClassifier(6, oob_score=True, random_state=3,
                                          n_jobs=2).fit(X, yc)
    np.testing.assert_array_equal(serial.predict_proba(X), parallel.predict_proba(X))
    assert serial.oob_score_ == parallel.oob_score_
    # With 6 trees a few rows are drawn by all of them; the rest get an OOB estimate that
    # only uses trees that never saw them, so it is worse than the training fit.
    seen = ~np.isnan(serial.oob_decision_function_[:, 0])
    assert 0.9 < seen.mean() < 1.0
    assert serial.oob_score_ < serial.score(X, yc)


def test_forest_importances_find_the_signal():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 5))
    y = (X[:, 2] > 0).astype(int)
    rf = RandomForestClassifier(20, random_state=0).fit(X, y)
    assert rf.feature_importances_.sum() == pytest.approx(1.0)
    assert np.argmax(rf.feature_importances_) == 2


def test_gradient_boosting_squared_error_first_stage_by_hand():
    # One stump of depth 1 on one feature: F0 = mean(y) = 2; residuals -1,-1,1,1 split at
    # x = 1.5, leaves -1 and +1; with learning_rate 0.5 the prediction is 2 -/+ 0.5.
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 1.0, 3.0, 3.0])
    gb = GradientBoostingRegressor(n_estimators=1, max_depth=1, learning_rate=0.5).fit(X, y)
    np.testing.assert_allclose(gb.predict(X), [1.5, 1.5, 2.5, 2.5])
    assert gb.train_score_[0] == pytest.approx(0.25)


def test_gradient_boosting_log_loss_newton_step_by_hand():
    # Binary, balanced: F0 = 0, p = 1/2. A pure leaf of positives has residual 1/2 and
    # hessian 1/4: Newton step 2. With learning_rate 1: F = +/-2, p = sigmoid(2).
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0, 0, 1, 1])
    gb = GradientBoostingClassifier(n_estimators=1, max_depth=1, learning_rate=1.0).fit(X, y)
    np.testing.assert_allclose(gb.decision_function(X), [-2, -2, 2, 2])
    np.testing.assert_allclose(gb.predict_proba(X)[:, 1], 1 / (1 + np.exp(-np.array(
        [-2.0, -2, 2, 2]))))


def test_boosting_staged_predictions_end_at_predict():
    X, yc, yr = _data(2)
    ada = AdaBoostClassifier(n_estimators=10, random_state=0).fit(X, yc)
    *_, last = ada.staged_predict(X)
    np.testing.assert_array_equal(last, ada.predict(X))
    gb = GradientBoostingRegressor(n_estimators=10, random_state=0).fit(X, yr)
    stages = list(gb.staged_predict(X))
    assert len(stages) == 10
    np.testing.assert_allclose(stages[-1], gb.predict(X))
    errors = [np.mean((s - yr) ** 2) for s in stages]
    assert all(np.diff(errors) <= 1e-12)        # squared-error training loss never rises
