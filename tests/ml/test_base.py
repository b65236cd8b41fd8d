"""The estimator contract: parameters, clone, scores (R² against scikit-learn)."""

import numpy as np
import pytest
from sklearn.metrics import r2_score

from mlinterview.ml.base import BaseEstimator, RegressorMixin, clone


class Inner(BaseEstimator):
    def __init__(self, alpha=1.0):
        self.alpha = alpha


class Outer(RegressorMixin, BaseEstimator):
    def __init__(self, inner=None, k=3, weights=None):
        self.inner = inner
        self.k = k
        self.weights = weights

    def fit(self, X, y):
        self.fitted_ = True
        return self

    def predict(self, X):
        return np.asarray(X)[:, 0] * self.k


def test_get_params_reads_the_signature_and_nests():
    est = Outer(inner=Inner(alpha=0.5), k=4)
    assert est.get_params(deep=False) == {"inner": est.inner, "k": 4, "weights": None}
    assert est.get_params()["inner__alpha"] == 0.5


def test_set_params_reaches_nested_and_rejects_unknown():
    est = Outer(inner=Inner())
    est.set_params(k=7, inner__alpha=2.0)
    assert est.k == 7 and est.inner.alpha == 2.0
    with pytest.raises(ValueError, match="invalid parameter 'beta'"):
        est.set_params(beta=1)


def test_clone_is_unfitted_and_independent():
    weights = np.array([1.0, 2.0])
    est = Outer(inner=Inner(alpha=3.0), weights=weights).fit(None, None)
    copy = clone(est)
    assert not hasattr(copy, "fitted_")
    assert copy.inner is not est.inner and copy.inner.alpha == 3.0
    assert copy.weights is not weights and np.array_equal(copy.weights, weights)
    with pytest.raises(TypeError, match="estimator"):
        clone("not an estimator")


def test_repr_shows_changed_parameters_only():
    assert repr(Outer(k=5)) == "Outer(k=5)"
    assert repr(Inner()) == "Inner()"


@pytest.mark.parametrize("weighted", [False, True])
def test_regressor_score_is_r2(weighted):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 2))
    y = 3 * X[:, 0] + rng.normal(scale=0.5, size=50)
    w = rng.random(50) if weighted else None
    est = Outer(k=3)
    assert est.score(X, y, sample_weight=w) == pytest.approx(
        r2_score(y, est.predict(X), sample_weight=w), rel=1e-12)
