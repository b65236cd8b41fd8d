"""The classification-metrics demo's table checked against closed forms and scikit-learn."""

import math

import numpy as np
import pytest
from sklearn import metrics as skm

from mlinterview.demos import registry
from mlinterview.demos.evaluation.classification_metrics import make_scores, threshold_sweep

SPEC = registry()["classification-metrics"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run()


def test_always_negative_column_matches_closed_forms(outcome):
    p = outcome.params
    y, _ = make_scores(p["n_samples"], p["positive_rate"], p["separation"], p["seed"])
    rate = y.mean()
    never = {row[0]: row[1] for row in outcome.result.table.rows}
    # A constant "negative" is right exactly on the negatives.
    assert never["accuracy"] == pytest.approx(round(1 - rate, 4))
    assert never["balanced accuracy"] == 0.5
    assert never["recall"] == 0 and never["F1"] == 0 and never["MCC"] == 0
    # A constant score ranks nothing: AUC 0.5, AP = base rate; log loss = H(rate) in nats.
    assert never["ROC AUC"] == 0.5
    assert never["average precision"] == pytest.approx(round(rate, 4))
    entropy = -(rate * math.log(rate) + (1 - rate) * math.log(1 - rate))
    assert never["log loss"] == pytest.approx(round(entropy, 4))


def test_model_column_matches_scikit_learn(outcome):
    p = outcome.params
    y, s = make_scores(p["n_samples"], p["positive_rate"], p["separation"], p["seed"])
    pred = (s >= p["threshold"]).astype(int)
    model = {row[0]: row[2] for row in outcome.result.table.rows}
    ref = {
        "accuracy": skm.accuracy_score(y, pred),
        "balanced accuracy": skm.balanced_accuracy_score(y, pred),
        "precision": skm.precision_score(y, pred, zero_division=0),
        "recall": skm.recall_score(y, pred),
        "F1": skm.f1_score(y, pred),
        "MCC": skm.matthews_corrcoef(y, pred),
        "ROC AUC": skm.roc_auc_score(y, s),
        "average precision": skm.average_precision_score(y, s),
        "log loss": skm.log_loss(y, s),
    }
    for name, value in ref.items():
        # The table rounds to 4 decimals.
        assert model[name] == pytest.approx(value, abs=5e-5), name


def test_scores_are_the_bayes_posterior():
    # With separation 0 the classes are indistinguishable: every score is the prior.
    _, s = make_scores(1000, 0.2, 0.0, seed=1)
    assert np.allclose(s, 0.2)


def test_threshold_sweep_matches_per_threshold_counts():
    y, s = make_scores(3000, 0.1, 1.5, seed=3)
    grid = np.array([0.0, 0.05, 0.1, 0.5, 0.9, 1.0])
    sweep = threshold_sweep(y, s, grid)
    for i, t in enumerate(grid):
        pred = (s >= t).astype(int)
        assert sweep["precision"][i] == pytest.approx(
            skm.precision_score(y, pred, zero_division=0))
        assert sweep["recall"][i] == pytest.approx(skm.recall_score(y, pred))
        assert sweep["F1"][i] == pytest.approx(skm.f1_score(y, pred, zero_division=0))
        assert sweep["accuracy"][i] == pytest.approx(skm.accuracy_score(y, pred))


def test_a_lower_threshold_raises_recall(outcome):
    low = SPEC.run(threshold=0.05).result.table
    high = outcome.result.table
    assert low.row("recall")["model @ 0.05"] > high.row("recall")["model @ 0.5"]
