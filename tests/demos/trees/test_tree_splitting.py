"""The tree-splitting demo's table against a brute force over thresholds written here."""

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from mlinterview.demos import registry
from mlinterview.demos.trees.tree_splitting import make_feature

SPEC = registry()["tree-splitting"]


def _brute(x, y, criterion):
    def imp(labels):
        p = np.bincount(labels, minlength=2) / len(labels)
        if criterion == "gini":
            return 1 - np.sum(p**2)
        p = p[p > 0]
        return -np.sum(p * np.log2(p))

    best = (-np.inf, None)
    values = np.unique(x)
    for t in (values[1:] + values[:-1]) / 2:
        left, right = y[x <= t], y[x > t]
        if criterion == "chi_square":
            table = np.array([np.bincount(left, minlength=2), np.bincount(right, minlength=2)])
            s = chi2_contingency(table, correction=False).statistic
        else:
            s = imp(y) - len(left) / len(y) * imp(left) - len(right) / len(y) * imp(right)
        if s > best[0] + 1e-12:
            best = (s, t)
    return best


@pytest.mark.parametrize("seed, noise", [(0, 0.1), (3, 0.0), (5, 0.3)])
def test_each_criterion_picks_the_brute_force_split(seed, noise):
    rows = {r[0]: r for r in SPEC.run(n_samples=150, noise=noise, seed=seed).result.table.rows}
    x, y = make_feature(150, noise, seed)
    for criterion in ("gini", "entropy", "chi_square"):
        score, threshold = _brute(x, y, criterion)
        assert rows[criterion][1] == pytest.approx(threshold, abs=1e-4)
        assert rows[criterion][2] == pytest.approx(score, rel=1e-5, abs=1e-6)
        assert rows[criterion][3] == int((x <= threshold).sum())


def test_noiseless_split_lands_on_a_class_boundary():
    rows = SPEC.run(n_samples=400, noise=0.0, seed=1).result.table.rows
    for row in rows:
        assert min(abs(row[1] - 3), abs(row[1] - 7)) < 0.05
