"""Demo for convolutions: what makes a convolution different from a fully connected layer.

Both map the same (C_in, n, n) input to the same (C_out, n, n) output. The convolution is
a fully connected layer whose matrix is mostly zeros and repeats the same few weights
(parameter sharing); as a consequence it commutes with shifts (translation equivariance).
Both facts are measured here, not asserted: the dense matrix of the convolution is built
by convolving every one-hot image, and the shift errors come from real forward passes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Rule, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, no_grad


def shift(a: np.ndarray, by: int) -> np.ndarray:
    """Move the last two axes down and right by ``by`` pixels. The inputs keep a border of
    zeros (and the outputs a border of pure bias) wider than ``by``, so the values that
    np.roll wraps around are exactly those a true shift would bring in."""
    return np.roll(a, (by, by), axis=(-2, -1))


def shift_errors(layer, x: np.ndarray, by: int, out_by: int | None = None) -> tuple[float,
                                                                                     float]:
    """Max abs and relative error between layer(shift(x)) and shift(layer(x)):
    0 for a translation-equivariant layer. ``out_by`` is the output shift (default ``by``)."""
    with no_grad():
        y = layer(Tensor(x)).numpy()
        y_shifted_input = layer(Tensor(shift(x, by))).numpy()
    expected = shift(y, by if out_by is None else out_by)
    diff = np.abs(y_shifted_input - expected)
    return float(diff.max()), float(np.linalg.norm(diff) / np.linalg.norm(expected))


def conv_as_matrix(conv: nn.Conv2d, c_in: int, size: int) -> np.ndarray:
    """The (C_out·n·n, C_in·n·n) matrix M with conv(x).ravel() = M @ x.ravel() (bias left
    out): column j is the convolution of the j-th one-hot image."""
    n_in = c_in * size * size
    columns = []
    for start in range(0, n_in, 256):  # 256 one-hot images at a time bound the memory
        basis = np.zeros((min(256, n_in - start), n_in))
        basis[np.arange(len(basis)), start + np.arange(len(basis))] = 1.0
        with no_grad():
            out = nn.functional.conv2d(Tensor(basis.reshape(-1, c_in, size, size)),
                                       conv.weight, None, conv.stride, conv.padding)
        columns.append(out.numpy().reshape(len(basis), -1))
    return np.concatenate(columns).T


class _Dense(nn.Module):
    """Flatten, Linear, reshape back to feature maps: an FC layer between the same shapes."""

    def __init__(self, c_in, c_out, size, rng):
        super().__init__()
        self.linear = nn.Linear(c_in * size * size, c_out * size * size, dtype=np.float32,
                                generator=rng)
        self.shape = (c_out, size, size)

    def forward(self, x):
        out = self.linear(x.reshape(x.shape[0], -1).float())
        return out.reshape(x.shape[0], *self.shape)


@demo("convolutions", title="Parameter sharing and translation equivariance, measured",
      rules=(Rule("kernel must be odd (so that padding k // 2 keeps the size)",
                  lambda kernel: kernel % 2 == 1),))
def equivariance(
    content: Param(int, lo=2, hi=10, help="Side of the random pattern in the image.") = 8,
    in_channels: Param(int, lo=1, hi=3, help="Input channels.") = 3,
    out_channels: Param(int, lo=1, hi=8, help="Output channels.") = 8,
    kernel: Param(int, lo=1, hi=5, help="Kernel size k (odd: 'same' padding k // 2).") = 3,
    by: Param(int, lo=1, hi=3, help="Shift of the input, in pixels.") = 3,
    seed: int = 0,
) -> DemoResult:
    """Shift the input and compare layer(shifted input) with the shifted layer output, for a
    convolution and a fully connected layer of the same input and output shape; count their
    weights and the distinct values in the convolution's dense matrix."""
    rng = np.random.default_rng(seed)
    # A zero border wider than the largest shift plus the kernel's reach keeps every
    # comparison free of border effects.
    margin = max(by, 2) + kernel // 2 + 1
    size = content + 2 * margin
    x = np.zeros((1, in_channels, size, size))
    x[..., margin:margin + content, margin:margin + content] = rng.normal(
        size=(in_channels, content, content))

    conv = nn.Conv2d(in_channels, out_channels, kernel, padding=kernel // 2,
                     dtype=np.float64, generator=rng)
    strided = nn.Conv2d(in_channels, out_channels, kernel, stride=2, padding=kernel // 2,
                        dtype=np.float64, generator=rng)
    dense = _Dense(in_channels, out_channels, size, rng)
    pooled = nn.Sequential(conv, nn.AdaptiveAvgPool2d(1))

    n_conv = sum(p.numel() for p in conv.parameters())
    n_dense = sum(p.numel() for p in dense.parameters())
    table = Table(["layer", "weights", "input shift", "shift error (max abs)",
                   "relative error"])
    rows = [
        (f"conv {kernel}×{kernel}, stride 1", n_conv, by, shift_errors(conv, x, by)),
        ("fully connected, same input and output shapes", n_dense, by,
         shift_errors(dense, x.astype(np.float32), by)),
        ("conv stride 2 (output shifted by 1)", n_conv, 2, shift_errors(strided, x, 2, 1)),
        ("conv stride 2, odd shift (best output shift)", n_conv, 1,
         min(shift_errors(strided, x, 1, 0), shift_errors(strided, x, 1, 1))),
        ("conv + global average pool (invariance)", n_conv, by,
         shift_errors(pooled, x, by, 0)),
    ]
    for name, weights, s, (err, rel) in rows:
        table.add(name, weights, s, float(f"{err:.3g}"), float(f"{rel:.3g}"))

    matrix = conv_as_matrix(conv, in_channels, size)
    nonzero = matrix[matrix != 0]
    distinct = np.unique(nonzero).size
    table.add("conv as a dense matrix: entries", matrix.size, "", "", "")
    table.add("conv as a dense matrix: non-zero entries", nonzero.size, "", "", "")
    table.add("conv as a dense matrix: distinct values", distinct, "", "", "")

    fig, axes = new_figure(ncols=4, width=3.0, height=3.0)
    with no_grad():
        conv_diff = conv(Tensor(shift(x, by))).numpy() - shift(conv(Tensor(x)).numpy(), by)
        x32 = x.astype(np.float32)
        fc_diff = dense(Tensor(shift(x32, by))).numpy() - shift(dense(Tensor(x32)).numpy(), by)
    vmax = float(np.abs(fc_diff[0, 0]).max())
    panels = [(x[0, 0], "input (channel 0)", None),
              (np.abs(conv_diff[0, 0]), "|conv(shift x) − shift(conv x)|", vmax),
              (np.abs(fc_diff[0, 0]), "|FC(shift x) − shift(FC x)|", vmax),
              (matrix[:size * size, :size * size] != 0,
               "non-zeros of the conv matrix\n(one channel pair)", None)]
    for ax, (img, title, top) in zip(axes, panels, strict=True):
        ax.imshow(img, cmap="Greys" if img.dtype == bool else "viridis", vmin=0 if top else None,
                  vmax=top, interpolation="nearest")
        ax.set(title=title, xticks=[], yticks=[])
        ax.grid(False)
    conv_err = rows[0][3][0]
    fc_rel = rows[1][3][1]
    summary = (
        f"On a {size}×{size} image with {in_channels} input channel(s), the {kernel}×{kernel} "
        f"convolution to {out_channels} channel(s) has {n_conv:,} weights; a fully connected "
        f"layer between the same shapes has {n_dense:,} ({n_dense / n_conv:,.0f} times more). "
        f"Shifting the input by {by} pixels shifts the convolution's output by the same amount "
        f"(max error {conv_err:.1g}), while the FC layer's output changes completely (relative "
        f"error {fc_rel:.2f}). Written as a matrix, the convolution is {matrix.size:,} entries "
        f"of which {nonzero.size:,} are non-zero and only {distinct} distinct: the same "
        f"{out_channels}·{in_channels}·{kernel}² weights reused at every position. Stride 2 "
        f"keeps equivariance only for even shifts; global pooling turns it into invariance.")
    return DemoResult(figures={"equivariance": fig}, table=table, summary=summary)
