"""The decision-threshold demo: the Bayes-rule threshold is c_FP / (c_FP + c_FN), the
empirical minimum costs no more than it (and about the same), and the table's operating
points agree with scikit-learn's confusion matrix."""

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from mlinterview.demos import registry
from mlinterview.demos.evaluation.classification_metrics import make_scores

SPEC = registry()["decision-threshold"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(n_samples=20_000)


def test_bayes_rule_and_empirical_minimum(outcome):
    p = outcome.params
    rows = {r[0]: dict(zip(outcome.result.table.columns, r, strict=True))
            for r in outcome.result.table.rows}
    bayes = rows["min cost (Bayes rule)"]
    assert bayes["threshold"] == pytest.approx(p["cost_fp"] / (p["cost_fp"] + p["cost_fn"]),
                                               abs=1e-4)
    emp = rows["min cost (empirical)"]
    assert emp["cost / 1000"] <= min(r["cost / 1000"] for r in rows.values()) + 1e-9
    # Calibrated scores: the Bayes threshold is within 3% of the empirical optimum's cost.
    assert bayes["cost / 1000"] <= 1.03 * emp["cost / 1000"]


def test_operating_points_match_confusion_matrix(outcome):
    p = outcome.params
    y, s = make_scores(p["n_samples"], p["positive_rate"], p["separation"], p["seed"])
    row = outcome.result.table.row("default 0.5")
    _tn, fp, fn, tp = confusion_matrix(y, (s >= 0.5).astype(int)).ravel()
    assert row["precision"] == pytest.approx(tp / (tp + fp), abs=5e-5)
    assert row["recall"] == pytest.approx(tp / (tp + fn), abs=5e-5)
    assert row["cost / 1000"] == pytest.approx(
        1000 * (p["cost_fp"] * fp + p["cost_fn"] * fn) / len(y), abs=5e-3)
    assert np.isfinite(outcome.result.table.column("cost / 1000")).all()
