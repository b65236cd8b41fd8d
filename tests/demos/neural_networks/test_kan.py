"""The kan demo: parameter counts by formula, and both models learn the target."""

import numpy as np

from mlinterview.demos.neural_networks.kan import TARGETS, kan_vs_mlp

from .._defaults import at_defaults


def test_parameter_counts_follow_the_formulas():
    hidden, grid = 4, 6
    rows = {r[0]: r for r in kan_vs_mlp(hidden=hidden, grid_size=grid, steps=50).table.rows}
    edges = 2 * hidden + hidden
    assert rows["KAN"][2] == edges * (grid + 3 + 1)
    w = int(rows["MLP (SiLU)"][1].split(",")[1])
    assert rows["MLP (SiLU)"][2] == (2 * w + w) + (w * w + w) + (w + 1)
    assert rows["MLP (SiLU)"][2] >= rows["KAN"][2]


def test_default_run_learns_the_target():
    rows = {r[0]: r for r in at_defaults("kan").table.rows}
    rng = np.random.default_rng(123)
    x, y = rng.uniform(-1, 1, (2, 10000))
    spread = TARGETS["exp(sin(pi x) + y^2)"](x, y).std()
    assert rows["KAN"][4] < 0.1 * spread  # test RMSE far below predicting the mean
    assert rows["MLP (SiLU)"][4] < spread
