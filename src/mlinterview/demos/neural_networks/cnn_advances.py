"""Demo for cnn-advances: the cost of a standard convolution, a depthwise-separable one and
a squeeze-and-excitation block, counted from real modules and checked by formula."""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.models.cnn import DepthwiseSeparableConv, SqueezeExcitation
from mlinterview.ml.nn.shapes import conv2d_macs, count_parameters


def layer_costs(c_in: int, c_out: int, k: int, size: int, reduction: int) -> dict[str, tuple]:
    """(parameters, multiply-accumulates per image) of each variant, without biases/BN.

    Parameters are counted from the modules themselves; MACs from the shapes.
    """
    standard = nn.Conv2d(c_in, c_out, k, padding=k // 2, bias=False)
    separable = DepthwiseSeparableConv(c_in, c_out, k)
    se = SqueezeExcitation(c_out, reduction)
    sep_weights = sum(p.numel() for name, p in separable.named_parameters()
                      if name.endswith("wise.weight"))
    macs_standard = conv2d_macs(c_in, c_out, k, size)
    macs_separable = conv2d_macs(c_in, c_in, k, size, groups=c_in) + conv2d_macs(c_in, c_out,
                                                                                1, size)
    hidden = max(1, c_out // reduction)
    macs_se = c_out * size * size + 2 * c_out * hidden + c_out * size * size
    return {
        "standard k×k conv": (count_parameters(standard), macs_standard),
        "depthwise k×k + pointwise 1×1": (sep_weights, macs_separable),
        "squeeze-excitation on the output": (count_parameters(se), macs_se),
    }


@demo("cnn-advances", title="Depthwise-separable convolutions and squeeze-excitation")
def separable_costs(
    c_in: Param(int, lo=1, hi=1024, help="Input channels.") = 64,
    c_out: Param(int, lo=1, hi=1024, help="Output channels.") = 128,
    kernel: Param(int, lo=1, hi=7, help="Kernel size k (odd keeps the size).") = 3,
    size: Param(int, lo=1, hi=128, help="Feature map height = width.") = 32,
    reduction: Param(int, lo=1, hi=64, help="Squeeze-excitation reduction ratio.") = 16,
) -> DemoResult:
    """Weights and multiply-accumulates of a k×k convolution versus its depthwise-separable
    factorisation, the ratio against the closed form 1/C_out + 1/k², and the (small) cost of
    a squeeze-excitation block."""
    costs = layer_costs(c_in, c_out, kernel, size, reduction)
    p_std, m_std = costs["standard k×k conv"]
    table = Table(["layer", "weights", "MACs per image", "weights / standard",
                   "MACs / standard"])
    for name, (params, macs) in costs.items():
        table.add(name, params, macs, round(params / p_std, 4), round(macs / m_std, 4))
    closed_form = 1 / c_out + 1 / kernel**2
    table.add("closed form 1/C_out + 1/k²", "", "", round(closed_form, 4), round(closed_form, 4))

    # The separable block really runs and keeps the spatial size.
    side = min(size, 16)
    x = Tensor(np.random.default_rng(0).normal(size=(1, c_in, side, side)).astype(np.float32))
    with no_grad():
        out = DepthwiseSeparableConv(c_in, c_out, kernel).eval()(x)
    table.add("separable block output shape", str(tuple(out.shape)), "", "", "")

    fig, ax = new_figure(width=6.4)
    outs = np.array([8, 16, 32, 64, 128, 256, 512, 1024])
    for k in (1, 3, 5, 7):
        ax.semilogx(outs, 1 / outs + 1 / k**2, marker=".", label=f"k = {k}")
    ax.axhline(1, color="#999999", lw=0.8)
    ax.set(xlabel="output channels C_out", ylabel="separable / standard cost",
           title="Savings of a depthwise-separable convolution", ylim=(0, 1.1))
    ax.legend()
    summary = (
        f"A {kernel}×{kernel} convolution from {c_in} to {c_out} channels has {p_std:,} "
        f"weights and costs {m_std:,} multiply-accumulates on a {size}×{size} map. Splitting it "
        f"into a depthwise {kernel}×{kernel} (one filter per channel) and a pointwise 1×1 "
        f"convolution costs {costs['depthwise k×k + pointwise 1×1'][1] / m_std:.1%} of that "
        f"(1/C_out + 1/k² = {closed_form:.1%}). A squeeze-excitation block adds only "
        f"{costs['squeeze-excitation on the output'][0]:,} weights to reweight channels from "
        f"global context.")
    return DemoResult(figures={"savings": fig}, table=table, summary=summary)
