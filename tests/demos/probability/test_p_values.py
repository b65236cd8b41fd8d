"""The p-values demo's table against closed forms (within Monte Carlo error) and SciPy."""

import numpy as np
import pytest
from scipy import stats as ss

from mlinterview.demos import registry
from mlinterview.demos.probability.p_values import simulate_pvalues

SPEC = registry()["p-values"]


@pytest.fixture(scope="module")
def rows():
    return {r[0]: r for r in SPEC.run().result.table.rows}


def test_null_rates_match_alpha_within_sampling_error(rows):
    # 4000 experiments: the standard error of a rate of 0.05 is 0.0034, of 0.5 is 0.008.
    assert rows["P(p <= 0.05) under the null"][1] == pytest.approx(0.05, abs=5 * 0.0035)
    assert rows["P(p <= 0.5) under the null"][1] == pytest.approx(0.5, abs=5 * 0.008)


def test_family_wise_error(rows):
    raw = rows["P(any false positive), 20 tests, no correction"]
    assert raw[2] == pytest.approx(1 - 0.95**20, abs=1e-4)
    # 200 families: standard error of a rate near 0.64 is 0.034.
    assert raw[1] == pytest.approx(raw[2], abs=5 * 0.034)
    for name in ("Bonferroni", "Holm", "Benjamini-Hochberg"):
        assert rows[f"P(any false positive), 20 tests, {name}"][1] <= 0.05 + 5 * 0.016


def test_power_matches_the_noncentral_t(rows):
    n, d = 20, 0.5
    df = 2 * n - 2
    nc = d * np.sqrt(n / 2)
    crit = ss.t.ppf(0.975, df)
    power = ss.nct.sf(crit, df, nc) + ss.nct.cdf(-crit, df, nc)
    assert rows["power: P(p <= 0.05) with effect 0.5"][1] == pytest.approx(power, abs=0.04)


def test_simulated_pvalues_are_scipys():
    p = simulate_pvalues(5, 8, 0.3, seed=2)
    rng = np.random.default_rng(2)
    a = rng.normal(0.0, 1.0, size=(5, 8))
    b = rng.normal(0.3, 1.0, size=(5, 8))
    np.testing.assert_allclose(p, ss.ttest_ind(a, b, axis=1).pvalue, rtol=1e-10)
