"""The attention demo: its maps obey the masks, its weights are the softmax of the scaled
scores (computed here in plain NumPy), and its √d table follows the variance argument."""

import numpy as np

from mlinterview.demos.transformers.attention import (
    DIMS,
    _maps,
    attention_demo,
    attention_weights,
)

from .._defaults import at_defaults


def _softmax(z):
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


def test_weights_read_through_identity_values_are_the_softmax():
    rng = np.random.default_rng(0)
    q, k = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4))
    expected = _softmax(q @ k.transpose(0, 2, 1) / 2.0)  # √4 = 2
    np.testing.assert_allclose(attention_weights(q, k), expected, rtol=1e-12)
    mask = np.ones((3, 5), dtype=bool)
    mask[:, 1] = False
    masked = attention_weights(q, k, mask)
    assert np.all(masked[..., 1] == 0)
    z = q @ k.transpose(0, 2, 1) / 2.0
    z[..., 1] = -np.inf
    np.testing.assert_allclose(masked, _softmax(z), rtol=1e-12)


def test_maps_obey_the_masks():
    tokens, valid, maps = _maps(seed=0)
    for w in maps.values():
        np.testing.assert_allclose(w.sum(-1), 1.0, rtol=1e-12)
    # Without a mask the short sentence attends to padding; with it, never.
    assert maps["no mask"][1][:, ~valid[1]].sum() > 0.5
    assert np.all(maps["padding mask"][:, :, ~valid[1]][1] == 0)
    # The causal map is lower-triangular on top of that.
    causal = maps["padding + causal"]
    assert np.all(np.triu(causal[0], k=1) == 0) and np.all(np.triu(causal[1], k=1) == 0)
    # Sentence 1 has no padding: the padding mask leaves it unchanged.
    np.testing.assert_array_equal(maps["no mask"][0], maps["padding mask"][0])
    assert tokens[1][-1] == "<pad>"


def test_variance_grows_like_d_and_scaling_undoes_it():
    table = at_defaults("attention").table
    assert table.column("d") == list(DIMS)
    var_u = np.array(table.column("Var(q·k)"))
    var_s = np.array(table.column("Var(q·k/√d)"))
    # Var(q·k) = d; with 8000 draws the sample variance is within a few percent.
    np.testing.assert_allclose(var_u, DIMS, rtol=0.15)
    np.testing.assert_allclose(var_s, 1.0, rtol=0.15)


def test_softmax_saturates_and_gradient_vanishes_without_scaling():
    table = attention_demo(seq_len=16, n_samples=4000, seed=1).table
    max_u = np.array(table.column("max weight, unscaled"))
    max_s = np.array(table.column("max weight, scaled"))
    grad_u = np.array(table.column("‖∂L/∂scores‖, unscaled"))
    grad_s = np.array(table.column("‖∂L/∂scores‖, scaled"))
    assert np.all(np.diff(max_u) > 0) and max_u[-1] > 0.9
    assert max_s.max() - max_s.min() < 0.05          # scaled: the same at every d
    assert grad_u[-1] < 0.4 * grad_s[-1]
    ent_u = np.array(table.column("entropy, unscaled"))
    assert np.all(np.diff(ent_u) < 0) and ent_u[-1] < 0.3


def test_deterministic_at_a_seed():
    a, b = attention_demo(seed=3), attention_demo(seed=3)
    assert a.table.rows == b.table.rows and a.summary == b.summary
