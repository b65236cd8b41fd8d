"""The multilabel demo's table checked against scikit-learn on the same predictions, and
the bound a one-label head cannot beat."""

import numpy as np
import pytest
from sklearn import metrics as skm

from mlinterview.demos import registry
from mlinterview.demos.evaluation.multilabel_heads import best_label_thresholds, predictions

SPEC = registry()["multilabel"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(n_samples=600)


def test_table_matches_scikit_learn(outcome):
    p = outcome.params
    Y, preds, _ = predictions(p["n_samples"], p["n_labels"], p["noise"], p["seed"])
    table = {row[0]: row[1:] for row in outcome.result.table.rows}
    for name, Y_hat in preds.items():
        ref = [skm.hamming_loss(Y, Y_hat), skm.accuracy_score(Y, Y_hat),
               skm.jaccard_score(Y, Y_hat, average="samples", zero_division=1),
               skm.f1_score(Y, Y_hat, average="micro", zero_division=0),
               skm.f1_score(Y, Y_hat, average="macro", zero_division=0)]
        np.testing.assert_allclose(table[name], ref, atol=5e-5)   # table rounds to 4 places
    # A top-1 head predicts one label, so it cannot match a row with 0 or >= 2 labels.
    assert table["softmax, top-1"][1] <= (Y.sum(axis=1) == 1).mean() + 1e-12
    assert table["sigmoid, 0.5"][3] > table["softmax, top-1"][3]


def test_threshold_search_picks_the_f1_optimum():
    # One label: the F1 maximiser over the grid found by brute force.
    rng = np.random.default_rng(0)
    y = (rng.random((200, 1)) < 0.2).astype(int)
    p = np.clip(0.3 * y + rng.random((200, 1)) * 0.7, 0, 1)
    grid = np.linspace(0.05, 0.95, 19)
    f1 = [skm.f1_score(y[:, 0], p[:, 0] >= t, zero_division=0) for t in grid]
    assert best_label_thresholds(y, p, grid)[0] == grid[int(np.argmax(f1))]
