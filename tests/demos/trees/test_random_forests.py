"""The random-forests demo: its variance arithmetic on synthetic predictions with a known
answer, and the claims of its table on a small run."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.trees.random_forests import variance_table

SPEC = registry()["random-forests"]


def test_variance_table_recovers_known_components():
    # Tree b on data set r predicts a_r + e_rb at every test point, with Var(a) = 0.5
    # (shared by trees on the same data) and Var(e) = 2 (their own noise): rho s^2 = 0.5,
    # s^2 = 2.5, and a forest of B trees has variance 0.5 + 2 / B.
    rng = np.random.default_rng(0)
    n_datasets, n_trees, n_test = 4000, 16, 5
    a = rng.normal(scale=np.sqrt(0.5), size=(n_datasets, 1, n_test))
    preds = 3.0 + a + rng.normal(scale=np.sqrt(2.0), size=(n_datasets, n_trees, n_test))
    rows, rho = variance_table(preds, np.full(n_test, 3.0), [1, 4, 16], noise=0.0)
    assert rho == pytest.approx(0.5 / 2.5, abs=0.02)
    for B, measured, formula, bias2, mse in rows:
        assert measured == pytest.approx(0.5 + 2 / B, rel=0.05)
        assert formula == pytest.approx(0.5 + 2 / B, rel=0.05)
        assert bias2 < 0.01 and mse == pytest.approx(bias2 + measured, rel=0.02)


def test_forest_variance_falls_and_feature_sampling_lowers_it():
    rows = SPEC.run(n_trees=16, n_datasets=5, n_samples=150, seed=1).result.table.rows
    for mf in (1.0, 0.3):
        var = [r[2] for r in rows if r[0] == mf]
        assert var[-1] < 0.4 * var[0]                      # 16 trees vs one tree
    last = {r[0]: r for r in rows if r[1] == 16}
    assert last[0.3][2] < last[1.0][2]                    # lower correlation, lower floor
    for mf in (1.0, 0.3):
        bias2 = [r[4] for r in rows if r[0] == mf]
        assert max(bias2) - min(bias2) < 0.1 * max(bias2)  # averaging leaves the bias
    for r in rows:
        assert r[5] == pytest.approx(r[4] + r[2] + 1.0, rel=1e-3)   # bias² + var + noise²
