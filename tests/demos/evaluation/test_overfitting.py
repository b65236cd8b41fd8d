"""The overfitting demos' numbers: monotone training error, a train/validation gap,
k-fold spread from the splitter, and early stopping restoring the best weights."""

import itertools

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.evaluation.overfitting import PolynomialRegression, sine_data
from mlinterview.ml.model_selection import EarlyStopping


@pytest.fixture(scope="module")
def capacity():
    return registry()["overfitting"].run()


def _rows(outcome, model):
    return [r for r in outcome.result.table.rows if r[0] == model]


def test_training_error_never_rises_with_capacity(capacity):
    # Nested least-squares models (and deeper trees) can only fit the training set better.
    for model in ("polynomial", "tree"):
        train = [r[2] for r in _rows(capacity, model)]
        assert all(b <= a + 1e-4 for a, b in itertools.pairwise(train)), model
    assert _rows(capacity, "tree")[-1][2] == 0.0  # a deep tree memorises 30 distinct points


def test_validation_curve_is_u_shaped_and_above_training(capacity):
    poly = _rows(capacity, "polynomial")
    cv = np.array([r[3] for r in poly])
    best = int(np.argmin(cv))
    assert 0 < best < len(poly) - 1          # neither the smallest nor the largest model
    assert cv[-1] > 5 * cv[best]             # the largest polynomial overfits
    assert all(r[3] >= r[2] for r in poly)   # held-out error above training error
    noise = capacity.params["noise"]
    # The best test error is near the noise floor σ², never below it by much.
    assert min(r[5] for r in poly) > 0.8 * noise**2


def test_polynomial_features_match_numpy_polyfit():
    # Legendre least squares spans the same space as monomials: same fitted values.
    rng = np.random.default_rng(0)
    X, y = sine_data(25, 0.3, rng)
    ours = PolynomialRegression(4).fit(X, y).predict(X)
    ref = np.polyval(np.polyfit(X[:, 0], y, 4), X[:, 0])
    np.testing.assert_allclose(ours, ref, rtol=1e-8, atol=1e-10)


@pytest.fixture(scope="module")
def early():
    return registry()["overfitting/early-stopping"].run()


def test_early_stopping_beats_the_last_epoch(early):
    best, last = early.result.table.rows
    assert best[1] < last[1]
    assert best[4] < last[4]                 # validation loss of the restored weights
    assert last[2] < best[2]                 # the last epoch fits the training set better
    assert best[5] > last[5] + 0.03          # and generalises worse to clean labels
    # Memorisation: training accuracy above the share of unflipped labels.
    assert last[3] > 1 - early.params["flip"]


def test_early_stopping_counts_patience_and_restores():
    class Box:
        def __init__(self):
            self.w = 0.0

        def state_dict(self):
            return {"w": self.w}

        def load_state_dict(self, state):
            self.w = state["w"]

    box = Box()
    stopper = EarlyStopping(patience=2, min_delta=0.1)
    scores = [1.0, 0.5, 0.45, 0.6]           # 0.45 is not better by more than min_delta
    stops = []
    for epoch, s in enumerate(scores):
        box.w = epoch
        stops.append(stopper.step(s, box))
    assert stops == [False, False, False, True]
    assert stopper.best_epoch == 1 and stopper.best_score == 0.5
    assert stopper.stopped_epoch == 3
    assert box.w == 1                        # the best epoch's state is back
    maxi = EarlyStopping(patience=1, mode="max")
    assert not maxi.step(0.8) and maxi.step(0.7)
