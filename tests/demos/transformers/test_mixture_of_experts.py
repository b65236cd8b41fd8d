"""The mixture-of-experts demo: its helpers on hand-worked cases, and the default run shows
what it claims (collapse without the balancing loss, one expert per regime with it)."""

import numpy as np
import pytest

from mlinterview.demos.transformers.mixture_of_experts import (
    own_experts,
    regime_data,
    routing_matrix,
    train,
)

from .._defaults import at_defaults


def test_routing_matrix_hand_worked():
    regime = np.array([0, 0, 1, 2, 3, 3])
    index = np.array([[1], [1], [0], [2], [2], [3]])
    m = routing_matrix(regime, index, 4)
    np.testing.assert_allclose(m, [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0],
                                   [0, 0, 0.5, 0.5]])
    # top-2: a regime's row shares its 2 · n assignments
    m2 = routing_matrix(np.array([0, 1, 2, 3]), np.array([[0, 1], [1, 2], [2, 3], [3, 0]]), 4)
    np.testing.assert_allclose(m2.sum(axis=1), 1.0)
    assert m2[0].tolist() == [0.5, 0.5, 0, 0]


@pytest.mark.parametrize("main, expected", [([0, 1, 2, 3], 4), ([0, 0, 2, 2], 0),
                                            ([0, 0, 1, 3], 2), ([3, 3, 3, 3], 0)])
def test_own_experts(main, expected):
    matrix = np.eye(4)[main]
    assert own_experts(matrix) == expected


def test_dropped_share_follows_the_capacity_rule():
    rng = np.random.default_rng(0)
    maps = np.stack([np.eye(4)] * 4)
    data, test = regime_data(512, rng, maps), regime_data(1000, rng, maps)
    r = train(0.0, data, test, num_experts=4, top_k=1, capacity_factor=None, steps=5, seed=0)
    counts = np.rint(r["load"] * 1000)
    # top-1 with capacity factor 1: each expert keeps ceil(1000 / 4) = 250 tokens
    assert r["dropped"] == pytest.approx(np.maximum(counts - 250, 0).sum() / 1000)
    assert r["matrix"].shape == (4, 4)
    assert len(r["history"]["mse"]) == 5


def test_default_run_balances_and_specialises():
    result = at_defaults("mixture-of-experts")
    off = result.table.rows[0]
    on = result.table.rows[1]
    cols = result.table.columns
    get = dict(zip(cols, off, strict=True)), dict(zip(cols, on, strict=True))
    without, with_ = get
    assert with_["experts used"] == 4 and with_["regimes with an expert of their own"] == 4
    assert with_["max load"] < 0.35
    assert with_["balancing loss"] < 1.05 < without["balancing loss"]
    assert without["max load"] > 0.4 and without["experts used"] < 4
    assert with_["dropped at capacity 1"] < without["dropped at capacity 1"]
    assert with_["test MSE"] < without["test MSE"]
    assert set(result.figures) == {"routing-matrix", "expert-load", "training"}
