"""The vanishing-gradients demo: its regimes follow from the norms it reports, and the
norms follow the closed-form growth rate of a ReLU network at 2x He init."""

import numpy as np

from mlinterview.demos.neural_networks.vanishing_gradients import diagnose, gradient_norms


def test_regimes():
    rows = {r[0]: r for r in gradient_norms(depth=20).table.rows}
    assert rows["sigmoid, naive init"][4] == "vanishing"
    assert rows["ReLU, He init"][4] == "healthy"
    assert rows["ReLU, 2x He init"][4] == "exploding"
    assert rows["ReLU, 2x He + BatchNorm"][4] == "healthy"
    assert rows["sigmoid, Xavier + residual + LayerNorm"][4] == "healthy"
    # sigmoid: each layer scales the gradient by at most 1/4 times the weight norm, so 20
    # blocks with Xavier weights lose many orders of magnitude.
    assert float(rows["sigmoid, Xavier init"][3]) < 1e-6


def test_exploding_growth_matches_the_variance_argument():
    # At 2x He init, Var(W) = 8 / fan_in and ReLU keeps half of the second moment, so each
    # layer multiplies the activation variance by 8 / 2 = 4, the scale by 2. Ten more
    # blocks multiply the first block's gradient (driven by the same saturated loss
    # gradient, scaled by ten more layers) by about 2^10; finite width adds noise.
    r20 = {r[0]: r for r in gradient_norms(depth=20, width=128).table.rows}
    r30 = {r[0]: r for r in gradient_norms(depth=30, width=128).table.rows}
    growth = float(r30["ReLU, 2x He init"][1]) / float(r20["ReLU, 2x He init"][1])
    assert 2**10 / 4 < growth < 2**10 * 4, np.log2(growth)


def test_diagnose_thresholds():
    assert diagnose(1e-9, 1.0) == "vanishing"
    assert diagnose(1.0, 1e-5) == "vanishing"
    assert diagnose(1e5, 1.0) == "exploding"
    assert diagnose(float("inf"), 1.0) == "exploding"
    assert diagnose(0.5, 2.0) == "healthy"
