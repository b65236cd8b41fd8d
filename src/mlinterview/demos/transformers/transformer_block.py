"""Demo for the transformer block: pre-norm against post-norm in a deep stack, and the
residual stream.

Two stacks of ``depth`` encoder layers (``nn.TransformerEncoderLayer``, PyTorch's default
initialisation, no dropout) with the same weights, one post-norm (the 2017 layout,
x = norm(x + f(x))) and one pre-norm (x = x + f(norm(x)), with a final LayerNorm as GPT-2
has). One batch of random token vectors goes through both, a squared error against a
random target is back-propagated, and the demo reports per layer:

- the gradient norm of the layer's parameters;
- the residual stream: its root-mean-square entering each layer, and how much each layer
  changes it (‖x_out - x_in‖ / ‖x_in‖).

A second experiment repeats this at several depths and follows the gradient of the last
layer's output projection (``linear2.weight``), the quantity of Xiong et al. (2020): with
post-norm it does not shrink with depth (large steps near the output at the start of
training, hence the learning-rate warm-up post-norm needs); with pre-norm it shrinks as the
stream grows, since each block's output is added to an ever larger sum.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor

D_MODEL, NHEAD, FF, BATCH = 32, 4, 128, 8
LAYOUTS = {"post-norm": False, "pre-norm": True}


def _layers(depth: int, norm_first: bool, seed: int) -> list[nn.TransformerEncoderLayer]:
    """``depth`` independently initialised layers; the same seed gives both layouts the
    same weights (the layout does not change the parameters, only where the norms sit)."""
    return [nn.TransformerEncoderLayer(D_MODEL, NHEAD, FF, dropout=0.0, batch_first=True,
                                       norm_first=norm_first,
                                       generator=np.random.default_rng([seed, i]))
            for i in range(depth)]


def run_stack(depth: int, norm_first: bool, seq_len: int, seed: int) -> dict:
    """One forward and backward through a stack; per-layer gradient and stream numbers."""
    layers = _layers(depth, norm_first, seed)
    final = nn.LayerNorm(D_MODEL) if norm_first else None
    rng = np.random.default_rng(seed)
    x = Tensor(rng.normal(size=(BATCH, seq_len, D_MODEL)).astype(np.float32))
    target = Tensor(rng.normal(size=(BATCH, seq_len, D_MODEL)).astype(np.float32))
    stream = [x]
    for layer in layers:
        stream.append(layer(stream[-1]))
    y = stream[-1] if final is None else final(stream[-1])
    ((y - target) ** 2).mean().backward()

    def norm(a):
        return float(np.sqrt(np.sum(a.astype(np.float64) ** 2)))

    return {
        "grad": [float(np.sqrt(sum(norm(p.grad.data) ** 2 for p in layer.parameters())))
                 for layer in layers],
        "last_ffn_grad": norm(layers[-1].linear2.weight.grad.data),
        "rms": [float(np.sqrt(np.mean(s.data.astype(np.float64) ** 2))) for s in stream[:-1]],
        "update": [norm(b.data - a.data) / norm(a.data) for a, b in pairwise(stream)],
    }


def _depths(depth: int) -> list[int]:
    return sorted({d for d in (1, 2, 4, 8, 16, 32) if d < depth} | {depth})


@demo("transformer-block", title="Pre-norm vs post-norm at depth, and the residual stream")
def transformer_block_demo(
    depth: Param(int, lo=2, hi=48, help="Number of encoder layers in each stack.") = 24,
    seq_len: Param(int, lo=2, hi=64, help="Tokens per sequence (batch of 8).") = 16,
    seed: int = 0,
) -> DemoResult:
    """Gradient norm per layer and the residual stream of a post-norm and a pre-norm stack
    of the same depth and weights; the last layer's gradient as the stack gets deeper."""
    runs = {name: run_stack(depth, nf, seq_len, seed) for name, nf in LAYOUTS.items()}
    depths = _depths(depth)
    by_depth = {name: [run_stack(d, nf, seq_len, seed)["last_ffn_grad"] for d in depths]
                for name, nf in LAYOUTS.items()}

    table = Table(["layer", "grad norm, post-norm", "grad norm, pre-norm",
                   "stream RMS, post-norm", "stream RMS, pre-norm",
                   "relative update, post-norm", "relative update, pre-norm"])
    post, pre = runs["post-norm"], runs["pre-norm"]
    for i in range(depth):
        table.add(i + 1, round(post["grad"][i], 4), round(pre["grad"][i], 4),
                  round(post["rms"][i], 3), round(pre["rms"][i], 3),
                  round(post["update"][i], 3), round(pre["update"][i], 3))

    layer_ids = np.arange(1, depth + 1)
    fig_grad, ax = new_figure()
    for name, r in runs.items():
        ax.semilogy(layer_ids, r["grad"], "o-", ms=3, label=name)
    ax.set(xlabel="layer (1 = next to the input)", ylabel="‖∂L/∂θ_layer‖",
           title=f"Gradient norm per layer, depth {depth}")
    ax.legend()

    fig_stream, (ax1, ax2) = new_figure(2, 1, width=4.2)
    for name, r in runs.items():
        ax1.plot(layer_ids, r["rms"], "o-", ms=3, label=name)
        ax2.plot(layer_ids, r["update"], "o-", ms=3, label=name)
    ax1.set(xlabel="layer", ylabel="RMS of the stream entering the layer",
            title="The residual stream")
    ax2.set(xlabel="layer", ylabel="‖x_out - x_in‖ / ‖x_in‖",
            title="How much each layer changes it")
    ax1.legend(fontsize=8)
    ax2.legend(fontsize=8)

    fig_depth, ax = new_figure()
    for name, values in by_depth.items():
        ax.loglog(depths, values, "o-", label=name)
    ax.set(xlabel="number of layers", ylabel="‖∂L/∂W‖ of the last layer's linear2",
           title="Last layer's gradient as the stack deepens")
    ax.legend()

    post_ratio = post["grad"][-1] / post["grad"][-2]
    summary = (
        f"Same weights, depth {depth}. Post-norm: the stream is renormalised after every "
        f"sublayer, so its RMS stays at {post['rms'][-1]:.2f}; the last layer's gradient is "
        f"{post_ratio:.1f}x the one before it, and as the stack deepens from "
        f"{depths[0]} to {depths[-1]} layers that last-layer gradient stays at "
        f"{by_depth['post-norm'][0]:.3f} → {by_depth['post-norm'][-1]:.3f}: large updates "
        "near the output at the start of training, which is why post-norm needs a "
        "learning-rate warm-up. Pre-norm: nothing normalises the stream itself, so its RMS "
        f"grows from {pre['rms'][0]:.2f} to {pre['rms'][-1]:.2f}; each block adds a "
        f"bounded update, so its relative effect and the last layer's gradient shrink with "
        f"depth ({by_depth['pre-norm'][0]:.3f} → {by_depth['pre-norm'][-1]:.3f}), and "
        f"gradient norms change smoothly from layer to layer ({pre['grad'][0]:.3f} at the "
        f"first, {pre['grad'][-1]:.3f} at the last) with no spike."
    )
    return DemoResult(figures={"gradient-norms": fig_grad, "residual-stream": fig_stream,
                               "depth-scaling": fig_depth}, table=table, summary=summary)
