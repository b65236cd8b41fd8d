"""Demo for atrous-conv: how dilation grows the receptive field without downsampling and
without extra weights, and how a badly chosen dilation pattern leaves holes (gridding).

Each stack is L layers of 3×3 convolutions. Receptive fields come from the closed form
(``mlinterview.ml.nn.shapes.receptive_field``) and are measured by back-propagating from
one output pixel through real layers; the holes are the input pixels whose gradient is 0.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.demos.neural_networks.conv_parameters import (
    measured_receptive_fields,
    show_gradient,
)
from mlinterview.ml.nn.shapes import conv_output_shape, receptive_field

KERNEL = 3


def stacks(depth: int, rate: int) -> dict[str, tuple[list[int], list[int]]]:
    """(strides, dilations) of each stack compared, by name."""
    ones = [1] * depth
    return {
        "plain 3×3": (ones, ones),
        "stride 2 every layer": ([2] * depth, ones),
        "dilation 1, 2, 4, ... (exponential)": (ones, [2**i for i in range(depth)]),
        f"dilation {rate} every layer": (ones, [rate] * depth),
        "dilation 1, 2, 3, 1, 2, 3, ... (hybrid)": (ones, [1 + i % 3 for i in range(depth)]),
    }


@demo("atrous-conv", title="Receptive field growth with dilation (and gridding)")
def atrous(
    depth: Param(int, lo=1, hi=7, help="Number of stacked 3×3 layers.") = 4,
    rate: Param(int, lo=2, hi=4, help="Dilation of the constant-rate stack.") = 2,
    size: Param(int, lo=16, hi=512, help="Input side, for the output resolution.") = 64,
) -> DemoResult:
    """Receptive field of L stacked 3×3 layers: plain, strided, dilated 1, 2, 4, ..., a
    constant dilation (holes: gridding) and a hybrid 1, 2, 3 pattern; formula vs measured,
    the fraction of the field that actually reaches the output, and the output size."""
    table = Table(["stack", "dilations", "receptive field", "measured receptive field",
                   "field pixels reached", "output side", "weights per channel pair"])
    growth, gradients = {}, {}
    for name, (strides, dilations) in stacks(depth, rate).items():
        rf = receptive_field([{"kernel_size": KERNEL, "stride": s, "dilation": d}
                              for s, d in zip(strides, dilations, strict=True)])
        widths, grad = measured_receptive_fields([KERNEL] * depth, strides, dilations)
        r = rf[-1][0]
        reached = float(np.mean(grad[:r, :r] != 0))
        side = size
        for s, d in zip(strides, dilations, strict=True):
            try:
                # "same" padding d·(k − 1)/2 keeps the size at stride 1.
                side = conv_output_shape(side, KERNEL, s, d * (KERNEL - 1) // 2, d)[0]
            except ValueError:
                side = 0
                break
        table.add(name, ", ".join(map(str, dilations)), r, widths[-1], round(reached, 4),
                  side, depth * KERNEL * KERNEL)
        growth[name] = ([f for f, _ in rf], widths)
        gradients[name] = grad[:r, :r]

    fig, axes = new_figure(ncols=3, width=4.0, height=3.4)
    for name, (formula, measured) in growth.items():
        layers = np.arange(1, depth + 1)
        # The strided stack has the exponential stack's fields: dash it to keep both visible.
        strided = "stride" in name
        line, = axes[0].plot(layers, formula, label=name, ls="--" if strided else "-",
                             zorder=3 if strided else 2)
        axes[0].plot(layers, measured, "o", color=line.get_color(), ms=4)
    axes[0].set(xlabel="layer", ylabel="receptive field (pixels)",
                title="formula (lines), measured (dots)")
    axes[0].xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].legend(fontsize=7)
    panels = [("dilation 1, 2, 4, ... (exponential)", "dilations 1, 2, 4, ...:\n"
               "gradient over the field"),
              (f"dilation {rate} every layer", f"dilation {rate} everywhere:\n"
               "white = never reached")]
    for ax, (name, title) in zip(axes[1:], panels, strict=True):
        show_gradient(ax, gradients[name], title)
    plain = table.row("plain 3×3")
    expo = table.row("dilation 1, 2, 4, ... (exponential)")
    const = table.row(f"dilation {rate} every layer")
    strided = table.row("stride 2 every layer")
    summary = (
        f"With {depth} stacked 3×3 layers and the same {depth * 9} weights per channel pair, "
        f"a plain stack sees {plain['receptive field']} pixels, dilations 1, 2, 4, ... see "
        f"{expo['receptive field']} (2^(L+1) − 1, exponential in depth) at full "
        f"{size}×{size} resolution, while stride 2 reaches {strided['receptive field']} but "
        f"shrinks the map to {strided['output side']}×{strided['output side']}. "
        f"Repeating dilation {rate} grows the field to {const['receptive field']} yet only "
        f"{const['field pixels reached']:.0%} of its pixels reach the output (gridding); the "
        f"exponential and hybrid 1, 2, 3 patterns reach every pixel.")
    return DemoResult(figures={"receptive-field": fig}, table=table, summary=summary)
