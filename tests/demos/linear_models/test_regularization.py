"""The l1-l2 demo's table checked against scikit-learn's Lasso/Ridge and closed forms."""

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from mlinterview.demos import registry
from mlinterview.demos.linear_models.regularization import make_data


@pytest.fixture(scope="module")
def outcome():
    return registry()["l1-l2"].run()


def test_lasso_sparsity_matches_scikit_learn(outcome):
    p = outcome.params
    X, y, _ = make_data(p["n_samples"], p["n_features"], p["n_informative"], p["noise"],
                        p["seed"])
    for row in outcome.result.table.rows:
        alpha = row[0]
        ref = Lasso(alpha=alpha, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(X, y)
        # Alphas are rounded to 4 significant digits in the table; well away from a
        # switching point that does not change which coefficients are zero.
        assert row[1] == int((ref.coef_ != 0).sum())
        assert row[3] == pytest.approx(np.abs(ref.coef_).sum(), rel=1e-3, abs=1e-6)
        ridge = Ridge(alpha=len(y) * alpha, fit_intercept=False).fit(X, y)
        assert row[2] == p["n_features"] == int((ridge.coef_ != 0).sum())
        assert row[4] == pytest.approx(np.linalg.norm(ridge.coef_), rel=1e-3)


def test_first_alpha_is_alpha_max_where_lasso_is_empty(outcome):
    p = outcome.params
    X, y, _ = make_data(p["n_samples"], p["n_features"], p["n_informative"], p["noise"],
                        p["seed"])
    first = outcome.result.table.rows[0]
    # Closed form: the lasso is all-zero exactly when alpha >= max_j |x_jᵀ y| / n.
    assert first[0] == pytest.approx(np.max(np.abs(X.T @ y)) / len(y), rel=1e-3)
    assert first[1] == 0 and first[3] == 0


def test_smallest_alpha_finds_the_informative_features(outcome):
    last = outcome.result.table.rows[-1]
    assert last[5] == outcome.params["n_informative"]
