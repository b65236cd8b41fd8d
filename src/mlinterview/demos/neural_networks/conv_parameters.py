"""Demo for conv-parameters: what kernel size, stride, padding, dilation, groups and depth do
to the output shape, the receptive field and the parameter count of a stack of Conv2d layers.

Every number is obtained twice: by the closed-form helpers of ``mlinterview.ml.nn.shapes``
and by running real layers (output shapes from a forward pass, parameter counts from the
modules, receptive fields by back-propagating from a single output pixel).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from mlinterview.demos import DemoResult, Param, Rule, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.nn.functional import conv2d
from mlinterview.ml.nn.shapes import (
    conv2d_macs,
    conv2d_params,
    conv_output_shape,
    count_parameters,
    receptive_field,
)

MAX_PROBE = 400


def measured_receptive_fields(kernels, strides, dilations) -> tuple[list[int], np.ndarray]:
    """Receptive field of each layer of a 1-channel conv stack, measured by autograd.

    For layer ``l`` the gradient of output pixel (0, 0) with respect to the input is
    non-zero exactly on the input pixels that can influence it, so its extent is the
    receptive field. The layers have no padding (pixel (0, 0) then sees the input from
    its corner on) and positive weights (no accidental cancellation). Returns the
    per-layer widths (only for layers whose field is at most ``MAX_PROBE`` pixels) and the
    gradient map of the last probed layer, shape (size, size).
    """
    rng = np.random.default_rng(0)
    # Input big enough for the deepest layer to have at least one output pixel.
    rf = receptive_field([{"kernel_size": k, "stride": s, "dilation": d}
                          for k, s, d in zip(kernels, strides, dilations, strict=True)])
    # Probe only the layers whose field fits a MAX_PROBE-pixel image (cost grows as r²).
    kernels = kernels[:sum(r <= MAX_PROBE for r, _ in rf)]
    size = max([r for r, _ in rf if r <= MAX_PROBE], default=1) + 2
    weights = [Tensor(rng.uniform(0.5, 1.5, size=(1, 1, k, k))) for k in kernels]
    x = Tensor(np.ones((1, 1, size, size)), requires_grad=True)
    widths, grad_map = [], None
    for depth in range(1, len(kernels) + 1):
        x.grad = None
        h = x
        for w, s, d in zip(weights[:depth], strides[:depth], dilations[:depth], strict=True):
            h = conv2d(h, w, stride=s, dilation=d)
        h[0, 0, 0, 0].backward()
        grad_map = x.grad.numpy()[0, 0]
        rows = np.flatnonzero(np.abs(grad_map).sum(axis=1) > 0)
        widths.append(int(rows[-1] - rows[0] + 1))
    return widths, grad_map


def show_gradient(ax, grad: np.ndarray, title: str) -> None:
    """log10 |∂ output pixel / ∂ input| as an image; pixels with exactly zero gradient (outside
    the receptive field, or in its holes) stay white."""
    mag = np.abs(grad)
    shown = np.full(mag.shape, np.nan)
    shown[mag > 0] = np.log10(mag[mag > 0])
    image = ax.imshow(shown, cmap="viridis", interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="log10 |gradient|")
    ax.set(title=title, xticks=[], yticks=[])
    ax.grid(False)


@demo("conv-parameters", title="Output shape, receptive field and parameters of a conv stack",
      rules=(Rule("groups must divide channels (each group has channels / groups of them)",
                  lambda groups, channels: channels % groups == 0),))
def conv_explorer(
    size: Param(int, lo=4, hi=256, help="Input height = width.") = 32,
    in_channels: Param(int, lo=1, hi=64, help="Channels of the input image.") = 3,
    channels: Param(int, lo=1, hi=256, help="Output channels of every layer.") = 16,
    kernel: Param(int, lo=1, hi=7, help="Kernel size k of every layer.") = 3,
    stride: Param(int, lo=1, hi=4, help="Stride s of every layer.") = 1,
    padding: Param(int, lo=0, hi=6, help="Zero padding p on each side.") = 1,
    dilation: Param(int, lo=1, hi=4, help="Dilation d (1 = ordinary convolution).") = 1,
    groups: Param(int, lo=1, hi=64,
                  help="Groups of layers 2.. (must divide channels; layer 1 uses 1).") = 1,
    depth: Param(int, lo=1, hi=8, help="Number of conv layers.") = 4,
    bias: Param(bool, help="Each layer has a bias.") = True,
) -> DemoResult:
    """Per layer of a Conv2d stack: output shape (formula and forward pass), receptive field
    and jump (formula and back-propagated delta), weights (formula and module) and MACs."""
    rng = np.random.default_rng(0)
    layers, specs = [], []
    for i in range(depth):
        g = 1 if i == 0 else groups
        c_in = in_channels if i == 0 else channels
        layers.append(nn.Conv2d(c_in, channels, kernel, stride=stride, padding=padding,
                                dilation=dilation, groups=g, bias=bias, dtype=np.float64,
                                generator=rng))
        specs.append({"kernel_size": kernel, "stride": stride, "dilation": dilation})
    rf = receptive_field(specs)
    rf_measured, grad_map = measured_receptive_fields([kernel] * depth, [stride] * depth,
                                                      [dilation] * depth)

    table = Table(["layer", "output (C, H, W)", "forward pass shape", "receptive field",
                   "measured receptive field", "jump", "weights", "counted weights",
                   "MACs"])
    h = Tensor(rng.normal(size=(1, in_channels, size, size)))
    spatial = (size, size)
    sizes, total = [size], 0
    for i, layer in enumerate(layers):
        try:
            spatial = conv_output_shape(spatial, kernel, stride, padding, dilation)
        except ValueError:
            table.add(f"conv{i + 1}", "empty: the kernel no longer fits", "", "", "", "",
                      "", "", "")
            break
        with no_grad():
            h = layer(h)
        g = 1 if i == 0 else groups
        c_in = in_channels if i == 0 else channels
        weights = conv2d_params(c_in, channels, kernel, groups=g, bias=bias)
        total += weights
        sizes.append(spatial[0])
        table.add(f"conv{i + 1}", str((channels, *spatial)), str(tuple(h.shape[1:])),
                  rf[i][0], rf_measured[i] if i < len(rf_measured) else "too large to probe",
                  rf[i][1], weights, count_parameters(layer),
                  conv2d_macs(c_in, channels, kernel, spatial, groups=g))
    ran = len(sizes) - 1  # layers whose output is not empty
    table.add("total", "", "", "", "", "", total,
              count_parameters(nn.Sequential(*layers[:ran])), "")

    fig, (ax_size, ax_grad) = new_figure(ncols=2, width=4.6)
    ax_size.plot(range(len(sizes)), sizes, marker="o", label="feature map side H_out")
    ax_size.plot(range(1, depth + 1), [r for r, _ in rf], marker="s",
                 label="receptive field (pixels)")
    ax_size.set(xlabel="layer", ylabel="pixels", title="Size shrinks or stays; field grows")
    ax_size.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_size.legend()
    show_gradient(ax_grad, grad_map, f"gradient of one output pixel after "
                                     f"{len(rf_measured)} layers\n(white: outside its field)")
    if ran == 0:
        summary = (f"The first {kernel}×{kernel} layer (dilation {dilation}, padding {padding}) "
                   f"does not fit a {size}×{size} input: the output would be empty.")
        return DemoResult(figures={"explorer": fig}, table=table, summary=summary)
    summary = (
        f"{ran} layers of {kernel}×{kernel} convolutions (stride {stride}, padding "
        f"{padding}, dilation {dilation}) turn a {size}×{size} input into "
        f"{sizes[-1]}×{sizes[-1]} maps with {total:,} weights; one output pixel sees a "
        f"{rf[ran - 1][0]}×{rf[ran - 1][0]} patch of the input. "
        f"Output side = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1, field r ← r + (k − 1)·d·j with "
        f"j the product of the strides so far, weights = C_out·(C_in/groups)·k² (+ C_out).")
    return DemoResult(figures={"explorer": fig}, table=table, summary=summary)
