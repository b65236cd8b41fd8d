"""The anomaly-detection demo: each detector's test PR-AUC recomputed with SciPy and
scikit-learn on the same data, and the relations the card quotes."""

import numpy as np
import pytest
from scipy.stats import norm
from sklearn.covariance import EmpiricalCovariance
from sklearn.decomposition import PCA as SkPCA
from sklearn.ensemble import IsolationForest as SkIsolationForest
from sklearn.metrics import average_precision_score

from mlinterview.demos import registry
from mlinterview.demos.evaluation.anomaly_detection import make_set

SPEC = registry()["anomaly-detection"]
PARAMS = {"n_train": 3000, "n_validation": 1000, "n_test": 5000, "seed": 1}


@pytest.fixture(scope="module")
def outcome():
    out = SPEC.run(**PARAMS)
    cols = out.result.table.columns
    rows = {r[0]: dict(zip(cols[1:], r[1:], strict=True)) for r in out.result.table.rows}
    return out.params, rows


@pytest.fixture(scope="module")
def data(outcome):
    p, _ = outcome
    rng = np.random.default_rng(p["seed"])
    basis = rng.normal(size=(p["rank"], p["n_features"]))
    args = (p["contamination"], p["n_features"], p["rank"], basis, rng, p["noise"])
    X_train, _ = make_set(p["n_train"], *args)
    make_set(p["n_validation"], *args)
    X_test, kind = make_set(p["n_test"], *args)
    return X_train, X_test, (kind > 0).astype(int)


def test_make_set_counts():
    basis = np.random.default_rng(0).normal(size=(2, 5))
    _, kind = make_set(1000, 0.03, 5, 2, basis, np.random.default_rng(1))
    assert np.bincount(kind).tolist() == [970, 15, 15]


def test_gaussian_rows_match_scipy_and_scikit_learn(outcome, data):
    _, rows = outcome
    X_train, X_test, y = data
    # Per-feature Gaussian: sum of independent normal log-densities (SciPy).
    mu, sd = X_train.mean(axis=0), X_train.std(axis=0)
    diag = -norm.logpdf(X_test, mu, sd).sum(axis=1)
    assert rows["Gaussian, per feature (diag)"]["PR-AUC"] == pytest.approx(
        average_precision_score(y, diag), abs=1e-3)
    # Full Gaussian: the log-density is a decreasing function of the Mahalanobis distance.
    maha = EmpiricalCovariance().fit(X_train).mahalanobis(X_test)
    assert rows["Gaussian, full covariance"]["PR-AUC"] == pytest.approx(
        average_precision_score(y, maha), abs=1e-3)


def test_pca_row_matches_scikit_learn(outcome, data):
    p, rows = outcome
    X_train, X_test, y = data
    pca = SkPCA(n_components=p["rank"]).fit(X_train)
    err = ((X_test - pca.inverse_transform(pca.transform(X_test))) ** 2).sum(axis=1)
    name = f"PCA reconstruction ({p['rank']} comp.)"
    assert rows[name]["PR-AUC"] == pytest.approx(average_precision_score(y, err), abs=1e-3)


def test_isolation_forest_row_close_to_scikit_learn(outcome, data):
    _, rows = outcome
    X_train, X_test, y = data
    ref = np.mean([average_precision_score(
        y, -SkIsolationForest(random_state=s).fit(X_train).score_samples(X_test))
        for s in range(3)])
    assert rows["isolation forest"]["PR-AUC"] == pytest.approx(ref, abs=0.08)


def test_contextual_anomalies_need_the_correlations(outcome):
    _, rows = outcome
    assert rows["Gaussian, per feature (diag)"]["PR-AUC contextual"] < 0.1
    assert rows["isolation forest"]["PR-AUC contextual"] < 0.1
    assert rows["Gaussian, full covariance"]["PR-AUC contextual"] > 0.4
    assert rows["PCA reconstruction (2 comp.)"]["PR-AUC contextual"] > 0.7
    for r in rows.values():
        assert r["PR-AUC global"] > 0.5
        assert r["ROC AUC"] > r["PR-AUC"]
