"""The bias-variance demos' numbers: the decomposition adds up to the measured test error,
and double descent peaks at the interpolation threshold."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.evaluation.bias_variance import bias2_standard_error
from mlinterview.ml.model_selection import decompose_predictions


@pytest.fixture(scope="module")
def decomposition():
    return registry()["bias-variance"].run()


def test_terms_add_up_to_the_measured_test_error(decomposition):
    noise2 = decomposition.params["noise"] ** 2
    for degree, bias2, var, n2, total, test_mse, *_ in decomposition.result.table.rows:
        assert n2 == pytest.approx(noise2, abs=1e-4)
        assert total == pytest.approx(bias2 + var + n2, abs=2e-4)  # rounded to 4 places
        # Fresh noisy targets: equality in expectation; 100 x 200 draws -> a few percent.
        assert test_mse == pytest.approx(total, rel=0.03), degree


def test_bias_falls_and_variance_rises_with_the_degree(decomposition):
    rows = decomposition.result.table.rows
    bias2 = np.array([r[1] for r in rows])
    var = np.array([r[2] for r in rows])
    assert bias2[0] > 0.4 and bias2[3] < 0.01      # a constant cannot follow a sine
    assert var[-1] > 10 * var[0]
    best = int(np.argmin([r[4] for r in rows]))
    assert 2 <= best <= 5


def test_flexible_models_have_no_bias_within_the_monte_carlo_error(decomposition):
    # Degree 10 follows a sine closely on average: its bias² is ~0. The plug-in estimate
    # (3.37 here, with variance 268 over 100 training sets) said otherwise; the unbiased
    # one is within two jackknife standard errors of 0, and far below the variance.
    for degree, bias2, var, *_, se in decomposition.result.table.rows[5:]:
        assert abs(bias2) <= 2 * se + 1e-4, degree
        assert abs(bias2) < 0.01 * var, degree


def test_bias2_standard_error_is_the_jackknife():
    # Brute force: leave each training set out, recompute the unbiased bias² with the
    # library, and take the jackknife spread.
    rng = np.random.default_rng(0)
    f = rng.normal(size=7)
    P = f + 0.3 + rng.standard_t(3, size=(12, 7))
    loo = np.array([decompose_predictions(np.delete(P, i, axis=0), f).bias
                    for i in range(12)])
    expected = np.sqrt(11 / 12 * np.sum((loo - loo.mean()) ** 2))
    assert bias2_standard_error(P, f) == pytest.approx(expected, rel=1e-10)


def test_bootstrap_loss_is_bias_plus_variance_column(decomposition):
    # The bootstrap estimate is from one training set; at low degree it is close to the
    # simulated test error (within 30%), and it grows with the degree as well.
    rows = decomposition.result.table.rows
    for r in rows[:4]:
        assert r[6] == pytest.approx(r[5], rel=0.3)
    assert rows[-1][6] > rows[3][6]


@pytest.fixture(scope="module")
def dd():
    return registry()["bias-variance/double-descent"].run()


def test_peak_at_the_interpolation_threshold(dd):
    n = dd.params["n_train"]
    rows = dd.result.table.rows
    p = np.array([r[0] for r in rows])
    train = np.array([r[2] for r in rows])
    test = np.array([r[3] for r in rows])
    peak = p[np.argmax(test)]
    assert 0.9 * n <= peak <= 1.1 * n
    assert np.all(train[p >= n] < 1e-6)            # interpolation beyond p = n
    assert np.all(train[p < 0.9 * n] > 1e-3)
    assert test.max() > 20 * test[-1]              # the second descent
    # At the defaults the widest model beats every under-parameterised one shown.
    assert test[-1] < test[p < n].min()
    norm = np.array([r[4] for r in rows])
    assert p[np.argmax(norm)] == peak              # the weight norm peaks there too

