"""The imbalanced-data demo: its rows recomputed with scikit-learn on the same data, and
the relations the card relies on."""

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from mlinterview.demos import registry
from mlinterview.demos.evaluation.imbalanced_data import make_set

SPEC = registry()["imbalanced-data"]
PARAMS = {"n_train": 4000, "n_test": 8000, "seed": 3}


@pytest.fixture(scope="module")
def rows():
    out = SPEC.run(**PARAMS)
    cols = out.result.table.columns
    return {r[0]: dict(zip(cols[1:], r[1:], strict=True)) for r in out.result.table.rows}


def _data(p):
    rng = np.random.default_rng(p["seed"])
    train = make_set(p["n_train"], 99, 4, 2.5, rng)
    make_set(max(p["n_test"] // 2, 1000), 99, 4, 2.5, rng)        # validation, unused here
    test = make_set(p["n_test"], 99, 4, 2.5, rng)
    return train, test


def test_set_has_the_requested_ratio():
    _, y = make_set(10_000, 99, 3, 1.0, np.random.default_rng(0))
    assert y.sum() == 100 and y.size == 10_000


@pytest.mark.parametrize("name, class_weight", [("no fix", None),
                                                ("class_weight='balanced'", "balanced")])
def test_rows_match_scikit_learn(rows, name, class_weight):
    (X, y), (X_test, y_test) = _data(PARAMS)
    ref = SkLogisticRegression(class_weight=class_weight).fit(X, y)
    proba = ref.predict_proba(X_test)[:, 1]
    pred = (proba >= 0.5).astype(int)
    r = rows[name]
    # Both solvers stop at a gradient tolerance: probabilities agree to ~1e-4, so the
    # rounded metrics to within a few units of the 4th decimal.
    assert r["PR-AUC"] == pytest.approx(skm.average_precision_score(y_test, proba), abs=2e-3)
    assert r["ROC AUC"] == pytest.approx(skm.roc_auc_score(y_test, proba), abs=1e-3)
    assert r["balanced accuracy"] == pytest.approx(
        skm.balanced_accuracy_score(y_test, pred), abs=1e-2)


def test_rebalancing_moves_the_threshold_not_the_ranking(rows):
    fixes = ["class_weight='balanced'", "random over-sampling", "random under-sampling",
             "SMOTE", "threshold moving (validation)"]
    base = rows["no fix"]
    for name in fixes:
        assert abs(rows[name]["PR-AUC"] - base["PR-AUC"]) < 0.06
        assert rows[name]["balanced accuracy"] > base["balanced accuracy"] + 0.1
        assert rows[name]["recall"] > base["recall"] and rows[name]["precision"] < \
            base["precision"]
    # Threshold moving keeps the plain model: same ranking, a threshold far below 0.5.
    moved = rows["threshold moving (validation)"]
    assert moved["PR-AUC"] == base["PR-AUC"] and moved["ROC AUC"] == base["ROC AUC"]
    assert moved["threshold"] < 0.2


def test_scoring_on_a_resampled_test_set_inflates_pr_auc(rows):
    wrong = rows["SMOTE, test set SMOTE'd too (wrong)"]
    assert wrong["PR-AUC"] > rows["SMOTE"]["PR-AUC"] + 0.3
