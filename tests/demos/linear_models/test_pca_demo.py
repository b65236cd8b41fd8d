"""The pca demo's table checked against scikit-learn's PCA and closed forms."""

import numpy as np
import pytest
from sklearn.decomposition import PCA as SkPCA
from sklearn.preprocessing import StandardScaler

from mlinterview.datasets import load_breast_cancer, load_digits
from mlinterview.demos import registry


@pytest.fixture(scope="module")
def outcome():
    return registry()["pca"].run()


def _value(outcome, case, quantity_start):
    for row in outcome.result.table.rows:
        if row[0] == case and row[1].startswith(quantity_start):
            return row[2]
    raise KeyError((case, quantity_start))


def test_digits_rows_match_scikit_learn(outcome):
    X, _ = load_digits()
    k = outcome.params["n_components"]
    ref = SkPCA().fit(X).explained_variance_ratio_
    cum = np.cumsum(ref)
    assert _value(outcome, "digits", "components for 90%") == int(np.argmax(cum >= 0.9) + 1)
    assert _value(outcome, "digits", "components for 99%") == int(np.argmax(cum >= 0.99) + 1)
    assert _value(outcome, "digits", "variance kept") == pytest.approx(cum[k - 1], abs=1e-6)
    # Reconstruction error of k components = the share of variance not kept.
    assert _value(outcome, "digits", "relative reconstruction") == pytest.approx(
        1 - cum[k - 1], abs=1e-5)


def test_circle_splits_the_variance_in_half(outcome):
    # Uniform angles on a circle: each coordinate has variance 1/2, so both PCs explain
    # about half (sampling error ~ 1/sqrt(n) with n = 500).
    assert _value(outcome, "circle", "variance ratio of PC1") == pytest.approx(0.5, abs=0.06)
    assert _value(outcome, "circle", "variance ratio of PC2") == pytest.approx(0.5, abs=0.06)


def test_scaling_rows_match_scikit_learn(outcome):
    B, _ = load_breast_cancer()
    raw = SkPCA(2).fit(B)
    std = SkPCA(2).fit(StandardScaler().fit_transform(B))
    assert _value(outcome, "breast cancer, raw", "variance ratio") == pytest.approx(
        raw.explained_variance_ratio_[0], abs=1e-6)
    assert _value(outcome, "breast cancer, standardised", "variance ratio") == pytest.approx(
        std.explained_variance_ratio_[0], abs=1e-6)
    top = _value(outcome, "breast cancer, raw", "feature with the largest PC1")
    assert top == _value(outcome, "breast cancer, raw", "feature with the largest variance")
