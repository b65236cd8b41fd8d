"""The extreme-imbalance-review demo: closed forms for the constant model and
scikit-learn for the others."""

import numpy as np
import pytest
from sklearn import metrics as skm

from mlinterview.demos import registry
from mlinterview.demos.evaluation.extreme_imbalance import REAL_NEGATIVES, make_set

SPEC = registry()["extreme-imbalance-review"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(ratio=500, n_negatives=100)


def test_constant_model_closed_forms(outcome):
    ratio = outcome.params["ratio"]
    col = {row[0]: row[1] for row in outcome.result.table.rows}
    assert col["accuracy"] == pytest.approx(round(ratio / (ratio + 1), 4))
    assert col["recall of negatives (specificity)"] == 0.0
    assert col["balanced accuracy"] == 0.5 and col["MCC"] == 0.0 and col["ROC AUC"] == 0.5
    assert col["PR-AUC, positives"] == pytest.approx(round(ratio / (ratio + 1), 4))
    assert col["PR-AUC, negatives"] == pytest.approx(round(1 / (ratio + 1), 4))
    assert col[f"negatives let through (of {REAL_NEGATIVES:,})"] == REAL_NEGATIVES


def test_strong_model_matches_scikit_learn(outcome):
    p = outcome.params
    y, s = make_set(p["n_negatives"], p["ratio"], p["strong"], p["seed"])
    t = np.quantile(s[y == 1], 0.01)
    pred = (s >= t).astype(int)
    col = {row[0]: row[3] for row in outcome.result.table.rows}
    assert col["MCC"] == pytest.approx(skm.matthews_corrcoef(y, pred), abs=5e-5)
    assert col["recall of negatives (specificity)"] == pytest.approx(
        skm.recall_score(y, pred, pos_label=0), abs=5e-5)
    assert col["PR-AUC, negatives"] == pytest.approx(
        skm.average_precision_score(1 - y, -s), abs=5e-5)
    assert col["ROC AUC"] == pytest.approx(skm.roc_auc_score(y, s), abs=5e-5)
