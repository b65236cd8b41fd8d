"""The EM demo's table replayed in scikit-learn from the same explicit initialisations,
plus the closed form of a collapsed component."""

import pytest
from sklearn.mixture import GaussianMixture as SkGM

from mlinterview.demos import registry
from mlinterview.demos.probability.expectation_maximization import make_data, scenarios

SPEC = registry()["expectation-maximization"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run()


def test_explicit_inits_match_scikit_learn(outcome):
    p = outcome.params
    X = make_data(p["n_samples"], p["n_components"], p["seed"])
    rows = {r[0]: r for r in outcome.result.table.rows}
    for name in ("bad init (crowded means)", "collapse onto the outlier"):
        params = scenarios(X, p["n_components"], p["reg_covar"], p["seed"])[name]
        ref = SkGM(**params).fit(X)
        assert rows[name][1] == ref.n_iter_
        assert rows[name][3] == pytest.approx(ref.lower_bound_, abs=2e-6)


def test_likelihood_never_decreases_and_the_collapse_is_visible(outcome):
    rows = {r[0]: r for r in outcome.result.table.rows}
    assert all(r[4] == "yes" for r in rows.values())
    collapse = rows["collapse onto the outlier"]
    # A component holding one point has covariance 0 + reg_covar.
    assert collapse[5] == pytest.approx(outcome.params["reg_covar"], rel=1e-2)
    assert collapse[3] > rows["k-means init"][3]          # a degenerate "better" fit
    assert rows["bad init (crowded means)"][3] < rows["k-means init"][3] - 0.05


def test_larger_reg_covar_bounds_the_collapse():
    small = {r[0]: r for r in SPEC.run(reg_covar=1e-9).result.table.rows}
    large = {r[0]: r for r in SPEC.run(reg_covar=1e-2).result.table.rows}
    assert (large["collapse onto the outlier"][3] < small["collapse onto the outlier"][3])
