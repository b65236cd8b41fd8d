"""The estimator contract of issue 5 for the linear models, PCA, mixtures, clustering,
naive Bayes, multi-label wrappers, anomaly detectors and samplers (trees and ensembles
have theirs in ``tests/ml/tree`` and ``tests/ml/ensemble``; SVMs and SGD in their parity
files).

For each estimator: ``get_params``/``set_params`` round-trip and ``clone``; ``__init__``
stores the parameters unchanged and ``fit`` changes none; ``fit`` returns ``self``; using
it before ``fit`` raises ``NotFittedError``; the same ``random_state`` gives identical
results; bad input (NaN, 1-D X, inconsistent lengths, no rows, wrong number of features)
raises a ``ValueError`` naming the argument.
"""

from __future__ import annotations

import numpy as np
import pytest

from mlinterview.ml.anomaly import (
    EllipticGaussian,
    GaussianDensity,
    IsolationForest,
    PCAReconstructionDetector,
)
from mlinterview.ml.base import clone
from mlinterview.ml.cluster import KMeans
from mlinterview.ml.decomposition import PCA
from mlinterview.ml.exceptions import NotFittedError
from mlinterview.ml.imbalance import SMOTE, RandomOverSampler, RandomUnderSampler
from mlinterview.ml.linear_model import (
    ElasticNet,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
)
from mlinterview.ml.mixture import GaussianMixture
from mlinterview.ml.multilabel import BinaryRelevance, LabelPowerset
from mlinterview.ml.naive_bayes import GaussianNB, MultinomialNB

N, P = 90, 4


def _X(seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(N, P)) + np.repeat(np.arange(3), N // 3)[:, None]


def _targets(kind, X):
    if kind == "reg":
        return X @ np.arange(1.0, P + 1) + 0.1 * np.random.default_rng(1).normal(size=N)
    if kind == "clf":
        return np.repeat(np.arange(3), N // 3)
    if kind == "imb":
        return np.r_[np.zeros(N - 15, int), np.ones(15, int)]
    if kind == "multi":
        return np.column_stack([X[:, 0] > 1, X[:, 1] > 0.5, X[:, 0] + X[:, 2] > 2]).astype(int)
    return None


def _counts(X):
    return np.floor(np.abs(X) * 3)


# (id, factory, target kind, a parameter to change and its value, the output to compare,
#  whether the estimator is random)
CASES = [
    ("linreg-svd", lambda: LinearRegression(), "reg", "fit_intercept", False, "predict"),
    ("linreg-qr", lambda: LinearRegression(solver="qr"), "reg", "fit_intercept", False,
     "predict"),
    ("linreg-normal", lambda: LinearRegression(solver="normal"), "reg", "fit_intercept",
     False, "predict"),
    ("linreg-gd", lambda: LinearRegression(solver="gd", max_iter=50_000), "reg", "tol", 1e-8,
     "predict"),
    ("ridge", lambda: Ridge(1.0), "reg", "alpha", 2.0, "predict"),
    ("lasso", lambda: Lasso(0.05), "reg", "alpha", 0.1, "predict"),
    ("enet", lambda: ElasticNet(0.05, l1_ratio=0.3), "reg", "l1_ratio", 0.7, "predict"),
    ("logistic-lbfgs", lambda: LogisticRegression(), "clf", "C", 0.5, "predict_proba"),
    ("logistic-newton", lambda: LogisticRegression(solver="newton"), "clf", "C", 0.5,
     "predict_proba"),
    ("logistic-cd-l1", lambda: LogisticRegression("l1", solver="cd"), "clf", "C", 0.5,
     "predict_proba"),
    ("pca", lambda: PCA(2), "none", "whiten", True, "transform"),
    ("gmm", lambda: GaussianMixture(3, random_state=3), "none", "covariance_type", "diag",
     "predict_proba"),
    ("kmeans", lambda: KMeans(3, n_init=2, random_state=3), "none", "max_iter", 50,
     "transform"),
    ("gaussian-nb", lambda: GaussianNB(), "clf", "var_smoothing", 1e-6, "predict_proba"),
    ("multinomial-nb", lambda: MultinomialNB(), "clf", "alpha", 0.5, "predict_proba"),
    ("binary-relevance", lambda: BinaryRelevance(LogisticRegression()), "multi", "threshold",
     0.4, "predict_proba"),
    ("label-powerset", lambda: LabelPowerset(LogisticRegression()), "multi", "estimator__C",
     0.5, "predict"),
    ("gaussian-density", lambda: GaussianDensity(), "none", "contamination", 0.05,
     "score_samples"),
    ("elliptic-gaussian", lambda: EllipticGaussian(), "none", "reg_covar", 1e-4,
     "score_samples"),
    ("isolation-forest", lambda: IsolationForest(n_estimators=20, random_state=3), "none",
     "max_samples", 40, "score_samples"),
    ("pca-reconstruction", lambda: PCAReconstructionDetector(2), "none", "contamination",
     0.05, "score_samples"),
]
IDS = [c[0] for c in CASES]


def _data_for(name, kind):
    X = _X()
    if name == "multinomial-nb":
        X = _counts(X)
    return X, _targets(kind, X)


def _fit(est, X, y):
    return est.fit(X) if y is None else est.fit(X, y)


@pytest.mark.parametrize("name, make, kind, param, value, output", CASES, ids=IDS)
def test_contract(name, make, kind, param, value, output):
    X, y = _data_for(name, kind)
    est = make()
    params = est.get_params()
    assert clone(est).get_params(deep=False).keys() == est.get_params(deep=False).keys()
    assert est.set_params(**{param: value}) is est
    assert est.get_params()[param] == value
    with pytest.raises(NotFittedError):
        getattr(est, output)(X)
    assert _fit(est, X, y) is est
    assert est.get_params()[param] == value                     # fit changes no parameter
    unchanged = {k: v for k, v in params.items() if k != param and "__" not in k}
    assert {k: est.get_params()[k] for k in unchanged} == unchanged
    first = getattr(est, output)(X)
    again = getattr(_fit(clone(est), X, y), output)(X)            # same random_state
    np.testing.assert_array_equal(first, again)
    assert est.n_features_in_ == P


@pytest.mark.parametrize("name, make, kind, param, value, output", CASES, ids=IDS)
def test_bad_input_names_the_argument(name, make, kind, param, value, output):
    X, y = _data_for(name, kind)
    with pytest.raises(ValueError, match="X"):
        _fit(make(), np.where(X > 2, np.nan, X), y)
    with pytest.raises(ValueError, match="X"):
        _fit(make(), X[:, 0], y)
    with pytest.raises(ValueError, match="X"):
        _fit(make(), X[:0], None if y is None else y[:0])
    if y is not None:
        with pytest.raises(ValueError, match="inconsistent"):
            make().fit(X, y[:-1])
    est = _fit(make(), X, y)
    with pytest.raises(ValueError, match=rf"X has 3 features, but \w+ is expecting {P} "):
        getattr(est, output)(X[:, :3])


@pytest.mark.parametrize("solver", ["lbfgs", "newton", "cd"])
def test_one_class_is_refused(solver):
    with pytest.raises(ValueError, match="y: expected at least 2 classes"):
        LogisticRegression(solver=solver).fit(_X(), np.zeros(N, int))


@pytest.mark.parametrize("make", [GaussianNB, MultinomialNB])
def test_naive_bayes_with_one_class_predicts_it_like_scikit_learn(make):
    # scikit-learn accepts a single class here (the posterior is 1), so we do too.
    X = np.abs(_X())
    model = make().fit(X, np.full(N, 7))
    assert np.all(model.predict(X) == 7) and np.all(model.predict_proba(X) == 1.0)


@pytest.mark.parametrize("make", [
    lambda: RandomOverSampler(random_state=3), lambda: RandomUnderSampler(random_state=3),
    lambda: SMOTE(random_state=3, k_neighbors=3),
], ids=["over", "under", "smote"])
def test_sampler_contract(make):
    X, y = _X(), _targets("imb", _X())
    s = make()
    assert clone(s).get_params() == s.get_params()
    assert s.set_params(random_state=4) is s and s.random_state == 4
    Xa, ya = s.fit_resample(X, y)
    Xb, yb = clone(s).fit_resample(X, y)
    np.testing.assert_array_equal(Xa, Xb)
    np.testing.assert_array_equal(ya, yb)
    assert s.random_state == 4
    with pytest.raises(ValueError, match="inconsistent numbers of samples: X has"):
        make().fit_resample(X, y[:-1])
    with pytest.raises(ValueError, match="y"):
        make().fit_resample(X, np.zeros(N, int))
    with pytest.raises(ValueError, match="X"):
        make().fit_resample(X[:, 0], y)


def test_smote_refuses_nan_while_random_samplers_copy_rows_as_imblearn_does():
    # Random samplers only pick rows, so imbalanced-learn lets NaN through; SMOTE
    # interpolates and needs finite features.
    X, y = _X(), _targets("imb", _X())
    X[-1, 0] = np.nan
    Xr, _ = RandomOverSampler(random_state=0).fit_resample(X, y)
    assert np.isnan(Xr).any()
    with pytest.raises(ValueError, match="X"):
        SMOTE(random_state=0).fit_resample(X, y)
