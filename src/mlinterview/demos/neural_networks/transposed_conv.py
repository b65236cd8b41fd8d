"""Demo for transposed-conv: a transposed convolution is the gradient (the adjoint) of a
convolution, and its uneven overlaps are where checkerboard artefacts come from.

Measured, not asserted: conv_transpose2d against autograd's input gradient of conv2d,
against the transpose of the convolution's explicit matrix and against "insert zeros, then
convolve with the flipped kernel"; overlap counts of a constant image; output sizes that
need ``output_padding`` to be told apart.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Rule, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.nn.functional import conv2d, conv_transpose2d


def _np(t: Tensor) -> np.ndarray:
    return t.detach().numpy()


def adjoint_checks(size: int, kernel: int, stride: int, padding: int,
                   seed: int = 0) -> dict[str, float]:
    """Max abs differences between conv_transpose2d(y, W) and three other ways of computing
    it, for a conv2d 3 -> 2 channels whose output is (2, size, size).

    - autograd: the gradient of sum(conv2d(x, W) * y) with respect to x;
    - matrix: Cᵀ y, with C the explicit matrix of conv2d (one column per one-hot input),
      on a corner of at most 4×4 outputs (C has 3·n² columns);
    - zero insertion: put stride − 1 zeros between the pixels of y, pad by k − 1 − p and
      run an ordinary stride-1 conv2d with the kernel flipped and its channel axes swapped;
    - adjoint identity: |<conv(x), y> − <x, convT(y)>| relative to <conv(x), y>.
    """
    rng = np.random.default_rng(seed)
    n = (size - 1) * stride - 2 * padding + kernel  # conv input size giving `size` outputs
    w = Tensor(rng.normal(size=(2, 3, kernel, kernel)))
    y = Tensor(rng.normal(size=(1, 2, size, size)))
    x = Tensor(rng.normal(size=(1, 3, n, n)), requires_grad=True)

    out = conv2d(x, w, stride=stride, padding=padding)
    out.backward(y)
    with no_grad():
        convt = _np(conv_transpose2d(y, w, stride=stride, padding=padding))

    # The explicit matrix on the top-left corner only (it has 3n² columns): a conv output
    # of side m <= 4 that starts at the corner depends on the first m_in input pixels.
    m = min(size, 4)
    m_in = (m - 1) * stride - 2 * padding + kernel
    basis = np.eye(3 * m_in * m_in).reshape(-1, 3, m_in, m_in)
    with no_grad():
        matrix = _np(conv2d(Tensor(basis), w, stride=stride, padding=padding)).reshape(
            len(basis), -1).T  # (2·m², 3·m_in²)
        small = _np(conv_transpose2d(y[..., :m, :m], w, stride=stride, padding=padding))
    from_matrix = (matrix.T @ y.numpy()[..., :m, :m].ravel()).reshape(small.shape)

    zeros = np.zeros((1, 2, (size - 1) * stride + 1, (size - 1) * stride + 1))
    zeros[..., ::stride, ::stride] = y.numpy()
    edge = kernel - 1 - padding
    zeros = np.pad(zeros, ((0, 0), (0, 0), (edge, edge), (edge, edge)))
    flipped = Tensor(np.ascontiguousarray(w.numpy().transpose(1, 0, 2, 3)[:, :, ::-1, ::-1]))
    with no_grad():
        via_zeros = _np(conv2d(Tensor(zeros), flipped))

    lhs = float(np.sum(_np(out) * y.numpy()))
    rhs = float(np.sum(_np(x) * convt))
    return {
        "autograd": float(np.abs(x.grad.numpy() - convt).max()),
        "matrix": float(np.abs(from_matrix - small).max()),
        "zero insertion": float(np.abs(via_zeros - convt).max()),
        "adjoint identity": abs(lhs - rhs) / abs(lhs),
    }


def upsample_maps(size: int, kernel: int, stride: int, weights: np.ndarray | None = None):
    """Outputs of three stride-``stride`` upsamplers applied to a constant (1, 1, size, size)
    image of ones: a transposed conv with kernel k, one with k rounded up to a multiple of
    the stride, and nearest-neighbour resize followed by a k×k conv. With all-ones kernels
    (``weights=None``) each output pixel counts how many kernel placements cover it."""
    x = Tensor(np.ones((1, 1, size, size)))
    k_even = stride * -(-kernel // stride)
    rng = np.random.default_rng(1)
    maps = {}
    variants = {f"transposed k={kernel}": kernel, f"transposed k={k_even}": k_even,
                f"resize ×{stride} + conv k={kernel}": kernel}  # 2 entries if k_even == k
    for name, k in variants.items():
        w = np.ones((1, 1, k, k)) if weights is None else rng.uniform(0.5, 1.5, (1, 1, k, k))
        with no_grad():
            if name.startswith("resize"):
                up = np.repeat(np.repeat(x.numpy(), stride, axis=2), stride, axis=3)
                maps[name] = _np(conv2d(Tensor(up), Tensor(w), padding="same"))[0, 0]
            else:
                maps[name] = _np(conv_transpose2d(x, Tensor(w), stride=stride,
                                                  padding=max(0, (k - stride + 1) // 2)))[0, 0]
    return maps


def interior(a: np.ndarray, border: int) -> np.ndarray:
    """``a`` without a frame of ``border`` pixels, where zero padding lowers the counts."""
    return a[border:a.shape[0] - border, border:a.shape[1] - border]


@demo("transposed-conv", title="Transposed convolution: the gradient of a convolution; "
                               "checkerboard artefacts",
      rules=(Rule("padding must be at most kernel − 1 (zero insertion then pads by k − 1 − p)",
                  lambda padding, kernel: padding <= kernel - 1),))
def transposed_conv(
    size: Param(int, lo=4, hi=16, help="Side of the transposed conv's input.") = 8,
    kernel: Param(int, lo=1, hi=7, help="Kernel size k.") = 3,
    stride: Param(int, lo=1, hi=4, help="Stride s (the upsampling factor).") = 2,
    padding: Param(int, lo=0, hi=3, help="Padding p of the convolution it transposes.") = 1,
    seed: int = 0,
) -> DemoResult:
    """conv_transpose2d equals autograd's gradient of conv2d, Cᵀy and zero insertion plus a
    flipped-kernel conv; output_padding picks among the conv input sizes that share one
    output size; overlap counts show the checkerboard of kernel 3, stride 2."""
    table = Table(["check", "value"])
    diffs = adjoint_checks(size, kernel, stride, padding, seed)
    table.add("max |conv_transpose2d − autograd gradient of conv2d|", diffs["autograd"])
    table.add("max |conv_transpose2d − Cᵀy (explicit conv matrix, ≤ 4×4 corner)|", diffs["matrix"])
    table.add("max |conv_transpose2d − zero insertion + flipped-kernel conv|",
              diffs["zero insertion"])
    table.add("|<conv(x), y> − <x, convT(y)>| / |<conv(x), y>|", diffs["adjoint identity"])

    # output_padding: conv inputs n, n+1, ..., n+s−1 all give the same output size.
    n = (size - 1) * stride - 2 * padding + kernel
    for extra in range(stride):
        conv_out = (n + extra + 2 * padding - kernel) // stride + 1
        with no_grad():
            back = conv_transpose2d(Tensor(np.zeros((1, 1, conv_out, conv_out))),
                                    Tensor(np.zeros((1, 1, kernel, kernel))), stride=stride,
                                    padding=padding, output_padding=extra)
        table.add(f"conv input {n + extra} → {conv_out}; transposed with output_padding="
                  f"{extra} → size", back.shape[-1])

    # Ignore a frame where zero padding lowers the counts; keep the image big enough for
    # an interior to remain.
    reach = kernel // stride + 1
    map_size = max(size, 2 * reach + 3)
    counts = upsample_maps(map_size, kernel, stride)
    random = upsample_maps(map_size, kernel, stride, weights="random")
    border = stride * reach
    for name, m in counts.items():
        inner = interior(m, border)
        table.add(f"overlap count, {name} (interior min / max)",
                  f"{inner.min():g} / {inner.max():g}")
    for name, m in random.items():
        inner = interior(m, border)
        spread = (inner.max() - inner.min()) / np.abs(inner).mean()
        table.add(f"random positive kernel, {name}: interior (max − min) / mean",
                  float(f"{spread:.3g}"))

    fig, axes = new_figure(ncols=len(counts) + 1, width=2.9, height=3.0)
    panels = [*counts.items(), (f"random kernel, transposed k={kernel}",
                                random[f"transposed k={kernel}"])]
    for ax, (name, m) in zip(axes, panels, strict=True):
        ax.imshow(m, cmap="viridis", interpolation="nearest")
        ax.set(title=name, xticks=[], yticks=[])
        ax.grid(False)
    inner = interior(counts[f"transposed k={kernel}"], border)
    summary = (
        f"conv_transpose2d is the adjoint of conv2d: it equals autograd's input gradient "
        f"(max difference {diffs['autograd']:.1g}), Cᵀy for the explicit conv matrix C, and "
        f"'insert {stride - 1} zero(s) between pixels, then convolve with the flipped "
        f"kernel'. Because a stride-{stride} convolution maps {stride} neighbouring input "
        f"sizes to one output size, the transposed layer needs output_padding to know which "
        f"to produce. Upsampling a constant image with a {kernel}×{kernel} kernel at stride "
        f"{stride} gives overlap counts from {inner.min():g} to {inner.max():g}: a "
        f"checkerboard. A kernel divisible by the stride evens the counts, but a learned "
        f"kernel can still differ between phases; resizing first and then convolving is "
        f"flat by construction.")
    return DemoResult(figures={"overlaps": fig}, table=table, summary=summary)
