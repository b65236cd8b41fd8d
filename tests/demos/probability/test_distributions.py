"""The distributions demo's table: exact moments against scipy.stats, sample moments
within sampling error of them."""

import numpy as np
import pytest
from scipy import stats as ss

from mlinterview.demos import registry

SPEC = registry()["distributions"]

SCIPY = {
    "Bernoulli(p=0.3)": ss.bernoulli(0.3),
    "Binomial(n=20, p=0.3)": ss.binom(20, 0.3),
    "Geometric(p=0.25)": ss.geom(0.25),
    "Poisson(rate=4)": ss.poisson(4),
    "Multinomial(n=10, first of 3)": ss.binom(10, 0.5),
    "Uniform(0, 1)": ss.uniform(0, 1),
    "Normal(0, 1)": ss.norm(0, 1),
    "Exponential(rate=1.5)": ss.expon(scale=1 / 1.5),
    "Gamma(shape=3, rate=2)": ss.gamma(3, scale=0.5),
    "Beta(2, 5)": ss.beta(2, 5),
    "StudentT(df=3)": ss.t(3),
    "LogNormal(0, 0.6)": ss.lognorm(0.6),
    "Dirichlet(2, 3, 5), first coordinate": ss.beta(2, 8),
}


@pytest.fixture(scope="module")
def rows():
    outcome = SPEC.run()
    return {r[0]: r for r in outcome.result.table.rows}, outcome.params["n_samples"]


def test_exact_moments_match_scipy(rows):
    table, _ = rows
    for name, ref in SCIPY.items():
        assert table[name][2] == pytest.approx(ref.mean(), abs=1e-4), name
        assert table[name][4] == pytest.approx(ref.var(), abs=1e-4), name
    # Categorical: moments of the one-hot first coordinate, a Bernoulli(0.5).
    assert table["Categorical(0.5, 0.3, 0.2)"][2] == 0.5


def test_sample_means_within_five_standard_errors(rows):
    table, n = rows
    for name, row in table.items():
        mean, sample_mean, var = row[2], row[3], row[4]
        if np.isfinite(var):
            assert abs(sample_mean - mean) < 5 * np.sqrt(var / n) + 1e-4, name


def test_every_row_says_when_to_use_it(rows):
    table, _ = rows
    assert len(table) == 14 and all(len(r[1]) > 10 for r in table.values())
