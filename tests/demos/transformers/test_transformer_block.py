"""The transformer-block demo: its per-layer numbers are recomputed with PyTorch from the
same weights, and its findings (post-norm keeps the stream at unit RMS and has a gradient
spike at the last layer; pre-norm's stream grows and its last-layer gradient shrinks with
depth) hold at the defaults."""

import numpy as np
import pytest
import torch

from mlinterview.demos.transformers.transformer_block import (
    BATCH,
    D_MODEL,
    FF,
    NHEAD,
    _layers,
    run_stack,
    transformer_block_demo,
)

from .._defaults import at_defaults


@pytest.mark.parametrize("norm_first", [False, True])
def test_numbers_match_pytorch_on_the_same_weights(norm_first):
    depth, seq_len, seed = 4, 6, 2
    ours = run_stack(depth, norm_first, seq_len, seed)
    layers = []
    for layer in _layers(depth, norm_first, seed):
        t = torch.nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.0,
                                             batch_first=True, norm_first=norm_first)
        t.load_state_dict({k: torch.from_numpy(v) for k, v in layer.state_dict().items()})
        layers.append(t)
    rng = np.random.default_rng(seed)  # the demo's input and target, drawn in its order
    x = torch.from_numpy(rng.normal(size=(BATCH, seq_len, D_MODEL)).astype(np.float32))
    target = torch.from_numpy(rng.normal(size=(BATCH, seq_len, D_MODEL)).astype(np.float32))
    stream = [x]
    for t in layers:
        stream.append(t(stream[-1]))
    y = torch.nn.functional.layer_norm(stream[-1], (D_MODEL,)) if norm_first else stream[-1]
    ((y - target) ** 2).mean().backward()
    grads = [float(torch.sqrt(sum((p.grad.double() ** 2).sum() for p in t.parameters())))
             for t in layers]
    np.testing.assert_allclose(ours["grad"], grads, rtol=1e-4)
    np.testing.assert_allclose(ours["last_ffn_grad"],
                               float(layers[-1].linear2.weight.grad.norm()), rtol=1e-4)
    rms = [float(s.detach().double().pow(2).mean().sqrt()) for s in stream[:-1]]
    np.testing.assert_allclose(ours["rms"], rms, rtol=1e-5)


def test_both_layouts_get_the_same_weights():
    a, b = _layers(3, False, 0), _layers(3, True, 0)
    for la, lb in zip(a, b, strict=True):
        for (name, pa), (_, pb) in zip(la.state_dict().items(), lb.state_dict().items(),
                                       strict=True):
            np.testing.assert_array_equal(pa, pb, err_msg=name)


def test_findings_at_the_defaults():
    result = at_defaults("transformer-block")
    table = result.table
    assert table.column("layer") == list(range(1, 25))
    post_rms = np.array(table.column("stream RMS, post-norm"))
    pre_rms = np.array(table.column("stream RMS, pre-norm"))
    np.testing.assert_allclose(post_rms[1:], 1.0, atol=1e-3)  # renormalised every layer
    assert pre_rms[-1] > 1.5 * pre_rms[0] and np.corrcoef(np.arange(24), pre_rms)[0, 1] > 0.95
    post_grad = np.array(table.column("grad norm, post-norm"))
    pre_grad = np.array(table.column("grad norm, pre-norm"))
    assert post_grad[-1] > 2 * np.median(post_grad[:-1])      # the spike next to the output
    assert np.max(pre_grad[1:] / pre_grad[:-1]) < 1.2          # smooth, no spike
    assert set(result.figures) == {"gradient-norms", "residual-stream", "depth-scaling"}


def test_last_layer_gradient_shrinks_with_depth_only_with_pre_norm():
    shallow = {nf: run_stack(1, nf, 16, 0)["last_ffn_grad"] for nf in (False, True)}
    deep = {nf: run_stack(24, nf, 16, 0)["last_ffn_grad"] for nf in (False, True)}
    assert deep[True] < 0.6 * shallow[True]
    assert 0.75 < deep[False] / shallow[False] < 1.33


def test_deterministic_at_a_seed():
    a = transformer_block_demo(depth=4, seq_len=4, seed=5)
    b = transformer_block_demo(depth=4, seq_len=4, seed=5)
    assert a.table.rows == b.table.rows and a.summary == b.summary
