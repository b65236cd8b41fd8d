"""The estimator contract: parameters, clone, scores (R² against scikit-learn)."""

import numpy as np
import pytest
from sklearn.metrics import r2_score

from mlinterview.ml.base import (
    BaseEstimator,
    ClassifierMixin,
    RegressorMixin,
    TransformerMixin,
    available_if,
    clone,
)


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


class WithOptionalProba(ClassifierMixin, BaseEstimator):
    def __init__(self, proba=False):
        self.proba = proba

    @available_if(lambda self: self.proba)
    def predict_proba(self, X):
        return np.full((len(X), 2), 0.5)


def test_available_if_makes_a_method_absent_not_failing():
    assert not hasattr(WithOptionalProba(), "predict_proba")
    with pytest.raises(AttributeError, match="predict_proba"):
        WithOptionalProba().predict_proba([[1.0]])
    assert WithOptionalProba(proba=True).predict_proba([[1.0]]).shape == (1, 2)


class Scaler(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.scale_ = 2.0
        return self

    def transform(self, X):
        return np.asarray(X) * self.scale_


def test_tags_come_from_the_mixins_and_fitted_state_from_trailing_underscores():
    from sklearn.utils import get_tags

    assert get_tags(Outer()).estimator_type == "regressor"
    assert get_tags(Outer()).target_tags.required
    assert get_tags(WithOptionalProba()).estimator_type == "classifier"
    assert get_tags(Scaler()).transformer_tags.preserves_dtype == ["float64"]
    assert not get_tags(Inner()).target_tags.required
    est = Scaler()
    assert not est.__sklearn_is_fitted__()
    assert est.fit(None).__sklearn_is_fitted__()
    np.testing.assert_array_equal(est.fit_transform([[1.0]]), [[2.0]])


@pytest.mark.parametrize("y, match", [
    (None, "requires y"), ([1.0, 2.0], "inconsistent numbers of samples"),
    (["a", "b", "c"], "y: expected numbers, got strings"),
])
def test_regressor_score_checks_y_and_names_it(y, match):
    with pytest.raises(ValueError, match=match):
        Outer().score(np.ones((3, 1)), y)
