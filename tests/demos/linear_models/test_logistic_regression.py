"""The logistic-regression demo's table checked against scikit-learn."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression as SkLogistic
from sklearn.metrics import log_loss

from mlinterview.demos import registry
from mlinterview.demos.linear_models.logistic_regression import make_blobs


@pytest.fixture(scope="module")
def outcome():
    return registry()["logistic-regression"].run()


def test_rows_match_scikit_learn(outcome):
    p = outcome.params
    for model, C, norm, acc, loss in outcome.result.table.rows:
        k = 2 if model == "binary" else 3
        X, y = make_blobs(p["n_per_class"], k, p["seed"])
        ref = SkLogistic(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
        # Both fit to tol 1e-8 or tighter; the table rounds to 6 decimals.
        assert norm == pytest.approx(np.linalg.norm(ref.coef_), abs=1e-4)
        assert acc == pytest.approx(ref.score(X, y), abs=1e-6)
        assert loss == pytest.approx(log_loss(y, ref.predict_proba(X)), abs=1e-5)


def test_smaller_C_means_smaller_weights(outcome):
    binary = sorted((r for r in outcome.result.table.rows if r[0] == "binary"),
                    key=lambda r: r[1])
    norms = [r[2] for r in binary]
    assert norms == sorted(norms)
