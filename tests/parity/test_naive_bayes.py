"""GaussianNB and MultinomialNB against scikit-learn: fitted attributes within 1e-10
relative and predict_proba within 1e-10 absolute (same formulas, float64; the Gaussian
log-likelihood is expanded differently, hence not bit-equal), plus input errors."""

import numpy as np
import pytest
from sklearn import naive_bayes as sknb

from mlinterview.ml.naive_bayes import GaussianNB, MultinomialNB


def _gaussian_data(seed, n, d, k):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, n)
    X = rng.normal(size=(n, d)) + y[:, None] * 0.8
    return X, y


@pytest.mark.parametrize("seed, n, d, k", [(0, 30, 2, 2), (1, 300, 5, 3), (2, 2000, 20, 6)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_gaussian_nb_matches_scikit_learn(seed, n, d, k, dtype):
    X, y = _gaussian_data(seed, n, d, k)
    X = X.astype(dtype)
    ours, ref = GaussianNB().fit(X, y), sknb.GaussianNB().fit(X.astype(np.float64), y)
    np.testing.assert_allclose(ours.theta_, ref.theta_, rtol=1e-10)
    np.testing.assert_allclose(ours.var_, ref.var_, rtol=1e-10)
    np.testing.assert_allclose(ours.class_prior_, ref.class_prior_, rtol=1e-12)
    X_test = _gaussian_data(seed + 10, 100, d, k)[0]
    np.testing.assert_allclose(ours.predict_proba(X_test), ref.predict_proba(X_test),
                               atol=1e-10)
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test))


def test_gaussian_nb_with_priors_string_labels_and_a_constant_feature():
    X, y = _gaussian_data(3, 200, 4, 3)
    X[:, 2] = 1.5                                   # zero variance: var_smoothing saves it
    labels = np.array(["cat", "dog", "eel"])[y]
    ours = GaussianNB(priors=[0.5, 0.3, 0.2]).fit(X, labels)
    ref = sknb.GaussianNB(priors=[0.5, 0.3, 0.2]).fit(X, labels)
    np.testing.assert_array_equal(ours.classes_, ref.classes_)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-10)
    np.testing.assert_allclose(ours.epsilon_, ref.epsilon_, rtol=1e-12)


def _counts(seed, n, d, k):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, n)
    rates = rng.gamma(1.0, 1.0, size=(k, d))
    return rng.poisson(rates[y]), y


@pytest.mark.parametrize("seed, n, d, k", [(0, 20, 3, 2), (1, 500, 50, 4), (2, 3000, 300, 8)])
@pytest.mark.parametrize("alpha", [1.0, 0.1])
@pytest.mark.parametrize("fit_prior", [True, False])
def test_multinomial_nb_matches_scikit_learn(seed, n, d, k, alpha, fit_prior):
    X, y = _counts(seed, n, d, k)
    ours = MultinomialNB(alpha=alpha, fit_prior=fit_prior).fit(X, y)
    ref = sknb.MultinomialNB(alpha=alpha, fit_prior=fit_prior).fit(X, y)
    np.testing.assert_allclose(ours.feature_log_prob_, ref.feature_log_prob_, rtol=1e-10)
    np.testing.assert_allclose(ours.class_log_prior_, ref.class_log_prior_, rtol=1e-10)
    X_test = _counts(seed + 5, 200, d, k)[0]
    np.testing.assert_allclose(ours.predict_proba(X_test), ref.predict_proba(X_test),
                               atol=1e-10)
    np.testing.assert_allclose(ours.predict_log_proba(X_test)[:5],
                               ref.predict_log_proba(X_test)[:5], rtol=1e-9)
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test))


def test_multinomial_nb_class_prior():
    X, y = _counts(4, 100, 6, 3)
    ours = MultinomialNB(class_prior=[0.2, 0.2, 0.6]).fit(X, y)
    ref = sknb.MultinomialNB(class_prior=[0.2, 0.2, 0.6]).fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-10)


def test_multinomial_without_smoothing_rules_out_a_class_on_an_unseen_word():
    X = np.array([[2, 0], [1, 0], [0, 3]])
    y = np.array([0, 0, 1])
    with np.errstate(divide="ignore"):
        nb = MultinomialNB(alpha=0.0).fit(X, y)
    # Class 0 never saw word 1: any document containing it has P(class 0) = 0.
    np.testing.assert_allclose(nb.predict_proba([[0, 2]]), [[0.0, 1.0]])


def test_hand_worked_gaussian_posterior():
    # Two classes, one feature: class 0 at {0, 2} (mean 1, var 1), class 1 at {4, 6}
    # (mean 5, var 1), equal priors. At x = 3 the densities are equal: posterior 1/2.
    nb = GaussianNB(var_smoothing=0.0).fit([[0.0], [2.0], [4.0], [6.0]], [0, 0, 1, 1])
    np.testing.assert_allclose(nb.predict_proba([[3.0]]), [[0.5, 0.5]], atol=1e-15)
    # At x = 4: ratio exp(-9/2) / exp(-1/2) = exp(-4) for class 0 against class 1.
    np.testing.assert_allclose(nb.predict_proba([[4.0]])[0, 0], 1 / (1 + np.exp(4)),
                               rtol=1e-12)


@pytest.mark.parametrize("call, exc, message", [
    (lambda: GaussianNB().predict([[1.0]]), ValueError, "not fitted"),
    (lambda: GaussianNB().fit([[1.0], [2.0]], [0]), ValueError, "inconsistent"),
    (lambda: GaussianNB().fit([1.0, 2.0], [0, 1]), ValueError, "X: expected a 2-D"),
    (lambda: GaussianNB(priors=[1.0]).fit([[1.0], [2.0]], [0, 1]), ValueError, "priors"),
    (lambda: GaussianNB(var_smoothing=-1.0).fit([[1.0]], [0]), ValueError, "var_smoothing"),
    (lambda: GaussianNB().fit([[1.0], [2.0]], [0, 1]).predict([[1.0, 2.0]]), ValueError,
     "X has 2 features, but GaussianNB is expecting 1 features"),
    (lambda: MultinomialNB().fit([[-1.0, 2.0]], [0]), ValueError, "X: Negative values in data"),
    (lambda: MultinomialNB(alpha=-1.0).fit([[1.0]], [0]), ValueError, "alpha"),
    (lambda: GaussianNB().fit([[np.nan]], [0]), ValueError, "X: expected finite"),
])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()


def test_get_params_and_score():
    assert MultinomialNB(alpha=0.5).get_params() == {"alpha": 0.5, "class_prior": None,
                                                     "fit_prior": True}
    X, y = _gaussian_data(5, 300, 3, 2)
    assert GaussianNB().fit(X, y).score(X, y) == sknb.GaussianNB().fit(X, y).score(X, y)
