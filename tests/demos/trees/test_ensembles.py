"""The ensembles demo: the bias/variance arithmetic by hand, its deterministic rows against
scikit-learn, and the claims of its summary."""

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingRegressor as SkGB
from sklearn.tree import DecisionTreeRegressor as SkTree

from mlinterview.demos import registry
from mlinterview.demos.trees.ensembles import bias_variance
from mlinterview.demos.trees.random_forests import friedman1

SPEC = registry()["ensembles"]


def test_bias_variance_by_hand():
    # Every prediction is off by +0.5 on average and spreads with sd 0.3 around it.
    rng = np.random.default_rng(0)
    f = rng.normal(size=20)
    preds = f + 0.5 + rng.normal(scale=0.3, size=(20_000, 20))
    bias2, var, mse = bias_variance(preds, f, noise=1.0)
    assert bias2 == pytest.approx(0.25, abs=0.005)
    assert var == pytest.approx(0.09, rel=0.03)
    assert mse == pytest.approx(0.25 + 0.09 + 1.0, rel=0.01)


def test_deterministic_rows_match_sklearn():
    kw = dict(n_datasets=3, n_samples=120, n_rounds=20, n_bags=5, seed=4)
    rows = {r[0]: r for r in SPEC.run(**kw).result.table.rows}
    rng = np.random.default_rng(4)
    X_test, f_test = friedman1(400, 0.0, np.random.default_rng(4 + 10_000))
    stump, boosted = [], []
    for _ in range(3):
        X, y = friedman1(120, 1.0, rng)
        stump.append(SkTree(max_depth=1).fit(X, y).predict(X_test))
        boosted.append(SkGB(n_estimators=20, max_depth=1, learning_rate=0.3,
                            random_state=0).fit(X, y).predict(X_test))
    for name, preds in (("stump", stump), ("boosted stumps", boosted)):
        ref = bias_variance(np.array(preds), f_test, 1.0)
        np.testing.assert_allclose(rows[name][1:], np.round(ref, 3), atol=2e-3)


@pytest.mark.slow
def test_bagging_cuts_variance_and_boosting_cuts_bias():
    rows = {r[0]: r for r in SPEC.run(n_datasets=4, n_samples=150, n_rounds=60,
                                      n_bags=10).result.table.rows}
    assert rows["bagged deep trees"][2] < 0.5 * rows["deep tree"][2]
    assert rows["bagged stumps"][1] > 0.7 * rows["stump"][1]      # bias barely moves
    assert rows["boosted stumps"][1] < 0.5 * rows["stump"][1]
