"""The maximum-likelihood demo's table recomputed with SciPy from the same samples."""

import numpy as np
import pytest
from scipy import stats as ss

from mlinterview.demos import registry
from mlinterview.demos.probability.maximum_likelihood import SIZES, samples, true_distribution

SPEC = registry()["maximum-likelihood"]


def test_rows_match_scipy_on_the_same_samples():
    outcome = SPEC.run()
    p = outcome.params
    k, alpha = p["n_categories"], p["alpha"]
    truth = true_distribution(k)
    train, held = samples(k, p["seed"])
    rows = {r[0]: r for r in outcome.result.table.rows}
    for n in SIZES:
        counts = np.bincount(train[n], minlength=k)
        mle, smooth = counts / n, (counts + alpha) / (n + k * alpha)
        row = rows[n]
        assert row[1] == (counts == 0).sum()
        assert row[2] == pytest.approx(ss.entropy(truth, mle), abs=1e-5)
        assert row[3] == pytest.approx(ss.entropy(truth, smooth), abs=1e-5)
        with np.errstate(divide="ignore"):
            assert row[4] == pytest.approx(-np.log(mle[held]).mean(), abs=1e-5)
        assert row[5] == pytest.approx(-np.log(smooth[held]).mean(), abs=1e-5)
    assert rows[5][4] == np.inf                     # unseen categories at n = 5
    floor = rows["truth (entropy floor)"]
    assert floor[4] == pytest.approx(ss.entropy(truth), abs=1e-5)


def test_gaussian_variance_bias_row():
    row = SPEC.run().result.table.rows[-1]
    # E[var_MLE] = (n - 1)/n sigma^2 = 0.8; the mean of 20,000 fits has sd ~ 0.004.
    assert row[4] == pytest.approx(0.8, abs=0.02)
