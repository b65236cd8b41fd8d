"""Convolutions as matrix products (im2col), with their backward passes.

A 2-D convolution slides a (C_in/groups, kh, kw) kernel over the padded input. Gathering
every receptive field into a column gives a matrix ``cols`` of shape
(N, C_in·kh·kw, H_out·W_out); the convolution is then ONE matrix product per sample and
group, W (C_out, C_in·kh·kw) @ cols. The backward pass is the same algebra transposed:

    dW    = dY @ colsᵀ                       (summed over the batch)
    dcols = Wᵀ @ dY,   dX = col2im(dcols)    (scatter-add each column back to its pixels)

``col2im`` is the adjoint of ``im2col``: a pixel that sits in several receptive fields
receives the sum of their gradients. A transposed convolution is exactly that adjoint used
as a forward pass, which is why it "upsamples": conv_transpose2d(x, W) = the gradient of
conv2d with respect to its input, evaluated at x.

The loops below run over kernel offsets (kh·kw of them), never over pixels or samples.
The layers use :func:`_unfold`/:func:`_fold_matmul` (and their in-place parts
:func:`_gather`/:func:`_scatter_matmul`), whose rows are ordered (kernel offset, channel) so
that each offset's copy is one contiguous block; :func:`im2col`/:func:`col2im` keep the
channel-first order that pooling reshapes into windows.

Memory and speed: ``cols`` is kh·kw times the input, so the layers never keep it. Like
PyTorch, they keep the input and the weight for backward and rebuild the columns there; and
they build them for a few samples at a time (:data:`_COLS_BUDGET`), so each chunk's copy
and matrix product run while it is still in the CPU cache.

This module is the textbook explanation, and the path strided convolutions and dilated
transposed convolutions take. Two faster routes live in :mod:`._conv_shifted` (tested equal
to the im2col product and to PyTorch): a stride-1 conv2d reads each kernel offset's windows
as ONE contiguous slice of the flattened padded image instead of an im2col copy, with a
backward pass without the scatter; and a transposed convolution of dilation 1 runs as its
s_h·s_w stride-1 phases (one stride-1 conv2d with s_h·s_w·C_out channels, interleaved).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Function
from mlinterview.ml.nn import _conv_shifted
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn._gemm import _SMALL_GEMM, _matmul_columns  # noqa: F401


def _pair(v, name: str) -> tuple[int, int]:
    if isinstance(v, int | np.integer):
        return int(v), int(v)
    if isinstance(v, tuple | list) and len(v) == 2 and all(isinstance(i, int | np.integer)
                                                           for i in v):
        return int(v[0]), int(v[1])
    raise TypeError(f"{name} must be an int or a pair of ints, got {v!r}")


def conv_out_size(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    """⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def im2col(x: np.ndarray, kh: int, kw: int, stride, padding, dilation) -> np.ndarray:
    """(N, C, H, W) -> (N, C, kh, kw, H_out, W_out): each kernel offset's strided view of
    the padded input, copied into one contiguous array."""
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    n, c, h, w = x.shape
    if ph or pw:
        x = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    ho = conv_out_size(h, kh, sh, ph, dh)
    wo = conv_out_size(w, kw, sw, pw, dw)
    cols = np.empty((n, c, kh, kw, ho, wo), dtype=x.dtype)
    for i in range(kh):
        top = i * dh
        for j in range(kw):
            left = j * dw
            cols[:, :, i, j] = x[:, :, top:top + sh * (ho - 1) + 1:sh,
                                 left:left + sw * (wo - 1) + 1:sw]
    return cols


def col2im(cols: np.ndarray, shape, stride, padding, dilation) -> np.ndarray:
    """Adjoint of :func:`im2col`: (N, C, kh, kw, H_out, W_out) -> (N, C, H, W), adding
    the contributions of overlapping windows."""
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    n, c, h, w = shape
    _, _, kh, kw, ho, wo = cols.shape
    out = np.zeros((n, c, h + 2 * ph, w + 2 * pw), dtype=cols.dtype)
    for i in range(kh):
        top = i * dh
        for j in range(kw):
            left = j * dw
            out[:, :, top:top + sh * (ho - 1) + 1:sh,
                left:left + sw * (wo - 1) + 1:sw] += cols[:, :, i, j]
    return out[:, :, ph:ph + h, pw:pw + w]


def _pad(x: np.ndarray, padding) -> np.ndarray:
    """Zero-pad the last two dims of (N, C, H, W) by (ph, pw) on both sides."""
    ph, pw = padding
    return np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw))) if ph or pw else x


def _gather(xp: np.ndarray, cols: np.ndarray, stride, dilation) -> None:
    """Fill ``cols`` (N, G, kh, kw, C/G, H_out, W_out) with the windows of the padded
    input ``xp`` (N, C, H_p, W_p): one strided copy per kernel offset."""
    (sh, sw), (dh, dw) = stride, dilation
    n, groups, kh, kw, c_g, ho, wo = cols.shape
    for i in range(kh):
        top = i * dh
        for j in range(kw):
            left = j * dw
            window = xp[:, :, top:top + sh * (ho - 1) + 1:sh, left:left + sw * (wo - 1) + 1:sw]
            cols[:, :, i, j] = window.reshape(n, groups, c_g, ho, wo)


def _unfold(x: np.ndarray, kh: int, kw: int, stride, padding, dilation,
            groups: int) -> np.ndarray:
    """im2col for the matrix products: (N, C, H, W) -> (N, G, kh, kw, C/G, H_out, W_out).

    Same windows as :func:`im2col`, with the kernel offset ahead of the channel: each
    offset's copy is then one contiguous block per sample, and the rows of one group,
    ordered (kh, kw, C/G), stay contiguous for its matrix product. Measured on
    (32, 16, 32, 32) with a 3×3 kernel: about 1.7x faster here, and 2x faster when folding
    back, than the channel-first layout, whose blocks are only H_out·W_out long.
    """
    n, c, h, w = x.shape
    ho = conv_out_size(h, kh, stride[0], padding[0], dilation[0])
    wo = conv_out_size(w, kw, stride[1], padding[1], dilation[1])
    cols = np.empty((n, groups, kh, kw, c // groups, ho, wo), dtype=x.dtype)
    _gather(_pad(x, padding), cols, stride, dilation)
    return cols


def _offset_weights(weight: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """(G, A/G, kh·kw·C/G) in :func:`_unfold`'s order -> (kh, kw, G, C/G, A/G): one small
    contiguous Wᵀ per kernel offset and group."""
    groups, a_g, _ = weight.shape
    return np.ascontiguousarray(weight.reshape(groups, a_g, kh, kw, -1)
                                .transpose(2, 3, 0, 4, 1))


def _scatter_matmul(w_t: np.ndarray, g: np.ndarray, out: np.ndarray, part: np.ndarray,
                    stride, dilation, grid: tuple[int, int]) -> None:
    """out += fold(Wᵀ @ g), one kernel offset at a time.

    ``w_t`` comes from :func:`_offset_weights`, ``g`` is (N, G, A/G, L) with its L columns
    laid out on ``grid`` (H_g, W_g), ``out`` is the padded (N, G, C/G, H_p, W_p) target and
    ``part`` an (N, G, C/G, L) scratch buffer: one buffer for every offset, as a fresh array
    each time costs page faults (~20% here).
    """
    (sh, sw), (dh, dw) = stride, dilation
    kh, kw = w_t.shape[:2]
    n, groups, c_g, _ = part.shape
    ho, wo = grid
    for i in range(kh):
        top = i * dh
        for j in range(kw):
            left = j * dw
            np.matmul(w_t[i, j][None], g, out=part)  # (N, G, C/G, L)
            out[..., top:top + sh * (ho - 1) + 1:sh,
                left:left + sw * (wo - 1) + 1:sw] += part.reshape(n, groups, c_g, ho, wo)


def _fold_matmul(weight: np.ndarray, g: np.ndarray, kh: int, kw: int, shape, stride,
                 padding, dilation, grid: tuple[int, int] | None = None) -> np.ndarray:
    """fold(Wᵀ @ g): the adjoint of ``W @ _unfold(x)``, (N, C, H, W).

    ``weight`` is (G, A/G, kh·kw·C/G) in :func:`_unfold`'s row order and ``g`` is
    (N, G, A/G, L). Each kernel offset's share Wᵀ_offset @ g, of shape (N, G, C/G, L), is
    added straight into its shifted window (:func:`_scatter_matmul`): the same sums as
    building the whole (N, G, kh·kw·C/G, L) column matrix and then folding it, without that
    array (kh·kw times the size of the result) — less memory and ~10% less time on the
    benchmark.

    ``grid`` is the (H_g, W_g) layout of the L columns of ``g``; by default the size a
    conv2d of ``shape`` would produce. A transposed convolution passes its input's size:
    its output_padding can make the output larger than that conv2d's input (with stride 1
    and dilation 2, a 4×4 input gives a 9×9 output, whose conv2d is 5×5, not 4×4); the
    extra rows and columns at the end are reached by no window and only get the bias.
    """
    (ph, pw) = padding
    n, c, h, w = shape
    groups = weight.shape[0]
    if grid is None:
        grid = (conv_out_size(h, kh, stride[0], ph, dilation[0]),
                conv_out_size(w, kw, stride[1], pw, dilation[1]))
    out = np.zeros((n, groups, c // groups, h + 2 * ph, w + 2 * pw), dtype=g.dtype)
    part = np.empty((n, groups, c // groups, grid[0] * grid[1]), dtype=g.dtype)
    _scatter_matmul(_offset_weights(weight, kh, kw), g, out, part, stride, dilation, grid)
    return _crop(out.reshape(n, c, h + 2 * ph, w + 2 * pw), padding)


def _crop(xp: np.ndarray, padding) -> np.ndarray:
    """Undo :func:`_pad`: the interior of (N, C, H_p, W_p), a view."""
    ph, pw = padding
    return xp[:, :, ph:xp.shape[2] - ph, pw:xp.shape[3] - pw]


def _offset_major(weight: np.ndarray, groups: int) -> np.ndarray:
    """(A, B, kh, kw) -> (G, A/G, kh·kw·B): rows of one group, columns ordered
    (kh, kw, B) to match the rows of :func:`_unfold`."""
    a, b, kh, kw = weight.shape
    return np.ascontiguousarray(weight.reshape(groups, a // groups, b, kh, kw)
                                .transpose(0, 1, 3, 4, 2)).reshape(groups, a // groups, -1)


def _channel_major(grad: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Inverse of :func:`_offset_major`: (G, A/G, kh·kw·B) -> (A, B, kh, kw)."""
    groups, a_g, _ = grad.shape
    grad = np.ascontiguousarray(grad).reshape(groups * a_g, kh, kw, -1)
    return np.ascontiguousarray(grad.transpose(0, 3, 1, 2))


# Bytes of im2col columns built at a time. The whole batch's columns are kh·kw times the
# input (19 MB for the benchmark's (32, 16, 32, 32) float32 input and 3×3 kernel): written
# out and read back by the matrix product, they spill out of the CPU caches. A few samples'
# worth (2 MiB) is built, used and overwritten while still in cache; on the benchmark this
# made forward+backward ~1.6x faster, and it is what makes rebuilding the columns in
# backward (instead of keeping them) cheap.
_COLS_BUDGET = 2 * 2**20


def _batch_chunks(n: int, bytes_per_sample: int) -> list[slice]:
    """Consecutive slices of the batch whose columns fit in :data:`_COLS_BUDGET`."""
    step = max(1, _COLS_BUDGET // max(1, bytes_per_sample))
    return [slice(i, min(i + step, n)) for i in range(0, n, step)]


class Conv2dFunction(Function):
    """y = conv2d(x, weight, bias): x (N, C_in, H, W), weight (C_out, C_in/groups, kh, kw)
    -> y (N, C_out, H_out, W_out).

    Only the (padded) input and the weight are kept for backward, as PyTorch keeps the
    input and the weight: the columns, kh·kw times the input, are rebuilt there a few
    samples at a time.
    """

    def forward(self, x, weight, bias, stride, padding, dilation, groups):
        n, c_in, h, w = x.shape
        c_out, _, kh, kw = weight.shape
        ho = conv_out_size(h, kh, stride[0], padding[0], dilation[0])
        wo = conv_out_size(w, kw, stride[1], padding[1], dilation[1])
        self.meta = (stride, padding, dilation, groups, (kh, kw))
        self.xp = _pad(x, padding)
        self.in_hw = (h, w)
        self.weight = _offset_major(weight, groups)  # (G, C_out/G, kh·kw·C_in/G)
        out = np.empty((n, c_out, ho, wo), dtype=np.result_type(x, weight))
        if stride == (1, 1):
            # One shift per kernel offset: contiguous slices instead of im2col windows.
            wp = self.xp.shape[3]
            chunks = _batch_chunks(n, kh * kw * c_in * ho * wp * x.itemsize)
            if bias is not None:  # added while each chunk is stored: no extra pass
                b = bias.reshape(1, -1, 1, 1)
                store = lambda part, y: np.add(y, b, out=out[part])  # noqa: E731
            _conv_shifted.conv2d_forward(self.xp, self.weight, (kh, kw), dilation, (ho, wo),
                                         chunks, out if bias is None else store)
            return out
        chunks = _batch_chunks(n, kh * kw * c_in * ho * wo * x.itemsize)
        cols = np.empty((chunks[0].stop, groups, kh, kw, c_in // groups, ho, wo), x.dtype)
        for part in chunks:
            m = part.stop - part.start
            _gather(self.xp[part], cols[:m], stride, dilation)
            # (m, G, kh·kw·C_in/G, L): one matrix product per sample and group, written
            # straight into this chunk's rows of the output.
            _matmul_columns(self.weight[None], cols[:m].reshape(m, groups, -1, ho * wo),
                            out[part].reshape(m, groups, c_out // groups, ho * wo))
        if bias is not None:
            out += bias.reshape(1, -1, 1, 1)
        return out

    def backward(self, g):
        stride, padding, dilation, groups, (kh, kw) = self.meta
        n, c_in = self.xp.shape[:2]
        _, c_out, ho, wo = g.shape
        need_x, need_w, need_b = self.needs_input_grad
        if stride == (1, 1):  # g is copied onto the padded grid there: any strides do
            wp = self.xp.shape[3]
            chunks = _batch_chunks(n, (kh * c_out + 2 * kw * c_in) * self.in_hw[0] * wp
                                   * g.itemsize)
            gx, gw = _conv_shifted.conv2d_backward(
                self.xp, _conv_shifted.backward_weight(self.weight, kh, kw), g, (kh, kw),
                dilation, (*padding, *self.in_hw), chunks, need_x, need_w)
            return gx, gw, (g.sum(axis=(0, 2, 3)) if need_b else None)
        # The gradient of a sum or mean arrives as a broadcast view (stride 0); matmul would
        # then skip BLAS and run ~2x slower, so make it contiguous once.
        g = np.ascontiguousarray(g)
        gg = g.reshape(n, groups, c_out // groups, ho * wo)
        chunks = _batch_chunks(n, kh * kw * c_in * ho * wo * g.itemsize)
        step = chunks[0].stop
        if need_x:
            gxp = np.zeros((n, groups, c_in // groups, *self.xp.shape[2:]), dtype=g.dtype)
            w_t = _offset_weights(self.weight, kh, kw)
            scratch = np.empty((step, groups, c_in // groups, ho * wo), dtype=g.dtype)
        if need_w:
            cols = np.empty((step, groups, kh, kw, c_in // groups, ho, wo), dtype=g.dtype)
            gw_t = 0.0
        for part in chunks:
            m = part.stop - part.start
            if need_x:
                # dX = fold(Wᵀ @ dY), one kernel offset at a time.
                _scatter_matmul(w_t, gg[part], gxp[part], scratch[:m], stride, dilation,
                                (ho, wo))
            if need_w:
                # dWᵀ = Σ_n cols_n @ dY_nᵀ, with this chunk's columns rebuilt from the
                # input. This orientation (long rows of cols against a short dY) ran ~25%
                # faster in OpenBLAS than dY @ colsᵀ on the benchmark's shapes.
                _gather(self.xp[part], cols[:m], stride, dilation)
                flat = cols[:m].reshape(m, groups, -1, ho * wo)
                gw_t = gw_t + np.matmul(flat, np.swapaxes(gg[part], 2, 3)).sum(axis=0)
        gx = _crop(gxp.reshape(n, c_in, *self.xp.shape[2:]), padding) if need_x else None
        gw = _channel_major(np.swapaxes(gw_t, 1, 2), kh, kw) if need_w else None
        gb = g.sum(axis=(0, 2, 3)) if need_b else None
        return gx, gw, gb


class ConvTranspose2dFunction(Function):
    """y = conv_transpose2d(x, weight, bias): the adjoint of conv2d with respect to its
    input. x (N, C_in, H, W), weight (C_in, C_out/groups, kh, kw) (PyTorch's layout) ->
    y (N, C_out, H_out, W_out) with
    H_out = (H − 1)·stride − 2·padding + dilation·(kh − 1) + output_padding + 1.

    Keeps the input and the weight for backward, a few samples at a time like conv2d.
    With dilation 1 it runs as its stride-1 phases (:mod:`._conv_shifted`) and keeps the
    padded input and the phases' weight instead.
    """

    def forward(self, x, weight, bias, stride, padding, output_padding, dilation, groups):
        n, c_in, h, w = x.shape
        _, c_out_g, kh, kw = weight.shape
        c_out = c_out_g * groups
        ho = (h - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kh - 1) \
            + output_padding[0] + 1
        wo = (w - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kw - 1) \
            + output_padding[1] + 1
        self.meta = ((n, c_out, ho, wo), stride, padding, dilation, groups, (kh, kw))
        self.in_hw = (h, w)
        if dilation == (1, 1):
            out = self._phases_forward(x, weight, stride, padding, groups, (ho, wo))
            if bias is not None:
                out += bias.reshape(1, -1, 1, 1)  # in place: `out` is ours, fresh
            return out
        self.x = x.reshape(n, groups, c_in // groups, h * w)
        # Seen from conv2d's side: this weight maps C_out/G -> C_in/G per group.
        self.weight = _offset_major(weight, groups)  # (G, C_in/G, kh·kw·C_out/G)
        # y = fold(Wᵀ @ x): conv2d's input-gradient computation, run forward.
        dtype = np.result_type(x, weight)
        out = np.zeros((n, groups, c_out_g, ho + 2 * padding[0], wo + 2 * padding[1]), dtype)
        chunks = _batch_chunks(n, kh * kw * c_out * h * w * x.itemsize)
        scratch = np.empty((chunks[0].stop, groups, c_out_g, h * w), dtype=dtype)
        w_t = _offset_weights(self.weight, kh, kw)
        for part in chunks:
            _scatter_matmul(w_t, self.x[part], out[part], scratch[:part.stop - part.start],
                            stride, dilation, (h, w))
        out = _crop(out.reshape(n, c_out, *out.shape[3:]), padding)
        return out + bias.reshape(1, -1, 1, 1) if bias is not None else np.ascontiguousarray(out)

    def _phases_forward(self, x, weight, stride, padding, groups, out_hw):
        """Dilation 1: the s_h·s_w stride-1 phases as one stride-1 conv2d
        (:mod:`._conv_shifted`), interleaved into the output."""
        n, c_in, h, w = x.shape
        c_out = weight.shape[1] * groups
        w2 = _conv_shifted.phase_weight(weight, stride, groups)
        big = w2.shape[2:]
        slices = _conv_shifted.phase_slices(stride, padding, out_hw)
        # Phase grid: every t some phase needs, and at least the input's extent.
        th = max(h, *(rows[1].stop for _, rows, _ in slices))
        tw = max(w, *(cols[1].stop for _, _, cols in slices))
        self.phase_grid = (th, tw)
        self.xp = np.zeros((n, c_in, th + big[0] - 1, tw + big[1] - 1), x.dtype)
        self.xp[:, :, big[0] - 1:big[0] - 1 + h, big[1] - 1:big[1] - 1 + w] = x
        self.weight = _offset_major(w2, groups)  # (G, s²·C_out/G, K_h·K_w·C_in/G)
        out = np.empty((n, c_out, *out_hw), np.result_type(x, weight))
        out_g = out.reshape(n, groups, c_out // groups, *out_hw)

        def interleave(part, phases):  # phases (m, G·s_h·s_w·C_out/G, T_h, T_w)
            by_phase = phases.reshape(len(out_g[part]), groups, *stride, c_out // groups,
                                      th, tw)
            for (r_h, r_w), rows, cols in slices:
                out_g[part, ..., rows[0], cols[0]] = by_phase[:, :, r_h, r_w, :, rows[1],
                                                              cols[1]]

        chunks = _batch_chunks(n, big[0] * big[1] * c_in * th * self.xp.shape[3] * x.itemsize)
        _conv_shifted.conv2d_forward(self.xp, self.weight, big, (1, 1), (th, tw), chunks,
                                     interleave)
        return out

    def _phases_backward(self, g):
        (n, c_out, _, _), stride, padding, _, groups, (kh, kw) = self.meta
        need_x, need_w, need_b = self.needs_input_grad
        th, tw = self.phase_grid
        c_in, c_out2 = self.xp.shape[1], self.weight.shape[0] * self.weight.shape[1]
        big = (self.xp.shape[2] - th + 1, self.xp.shape[3] - tw + 1)
        chunks = _batch_chunks(n, (big[0] * c_out2 + 2 * big[1] * c_in) * self.in_hw[0]
                               * self.xp.shape[3] * g.itemsize)
        gx, gw2 = _conv_shifted.conv2d_backward(
            self.xp, _conv_shifted.backward_weight(self.weight, *big),
            _conv_shifted.PhaseGradient(g, stride, padding, groups, (th, tw)), big, (1, 1),
            (big[0] - 1, big[1] - 1, *self.in_hw), chunks, need_x, need_w)
        gw = (_conv_shifted.phase_weight_grad(gw2, (c_in, c_out // groups, kh, kw), stride,
                                              groups) if need_w else None)
        return gx, gw, (g.sum(axis=(0, 2, 3)) if need_b else None)

    def backward(self, g):
        if self.meta[3] == (1, 1):
            return self._phases_backward(g)  # g is de-interleaved there: any strides do
        _, stride, padding, dilation, groups, (kh, kw) = self.meta
        n, _, c_in_g, hw = self.x.shape
        c_out = g.shape[1]
        need_x, need_w, need_b = self.needs_input_grad
        g = np.ascontiguousarray(g)  # a broadcast gradient would keep matmul off BLAS
        gp = _pad(g, padding)
        h, w = self.in_hw
        chunks = _batch_chunks(n, kh * kw * c_out * h * w * g.itemsize)
        # The adjoint of the fold is the unfold: gather the output gradient into columns,
        # on the input's grid (output_padding's extra rows and columns are reached by none).
        cols = np.empty((chunks[0].stop, groups, kh, kw, c_out // groups, h, w), g.dtype)
        gx = np.empty((n, groups, c_in_g, hw), dtype=g.dtype) if need_x else None
        gw_t = 0.0
        for part in chunks:
            m = part.stop - part.start
            _gather(gp[part], cols[:m], stride, dilation)
            flat = cols[:m].reshape(m, groups, -1, h * w)  # (m, G, kh·kw·C_out/G, L)
            if need_x:
                _matmul_columns(self.weight[None], flat, gx[part])
            if need_w:
                gw_t = gw_t + np.matmul(flat, np.swapaxes(self.x[part], 2, 3)).sum(axis=0)
        gx = gx.reshape(n, groups * c_in_g, h, w) if need_x else None
        gw = _channel_major(np.swapaxes(gw_t, 1, 2), kh, kw) if need_w else None
        gb = g.sum(axis=(0, 2, 3)) if need_b else None
        return gx, gw, gb


class Pad2d(Function):
    """Zero (or constant) padding of the last two dims: (left, right, top, bottom)."""

    def forward(self, x, pad, value=0.0):
        left, right, top, bottom = pad
        self.pad = pad
        width = [(0, 0)] * (x.ndim - 2) + [(top, bottom), (left, right)]
        return np.pad(x, width, constant_values=value)

    def backward(self, g):
        left, right, top, bottom = self.pad
        h, w = g.shape[-2:]
        return (g[..., top:h - bottom, left:w - right],)


def _same_padding(kernel: tuple[int, int], dilation: tuple[int, int]):
    """Padding that keeps the size at stride 1; the extra pixel (even kernels) goes
    right/bottom, as in PyTorch."""
    pads = []
    for k, d in zip(kernel, dilation, strict=True):
        total = d * (k - 1)
        pads.append((total // 2, total - total // 2))
    (top, bottom), (left, right) = pads
    return left, right, top, bottom


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution (cross-correlation, like every deep-learning library) of
    input (N, C_in, H, W) [or unbatched (C_in, H, W)] with weight (C_out, C_in/groups, kh, kw).

    ``padding`` is an int, a pair, ``"valid"`` (0) or ``"same"`` (output size = input size;
    stride must be 1).
    """
    check_input_dtype("conv2d", input, {"weight": weight, "bias": bias})
    unbatched = input.ndim == 3
    if unbatched:
        input = input.unsqueeze(0)
    if input.ndim != 4:
        raise ValueError(f"conv2d: expected a 3-D or 4-D input, got shape {tuple(input.shape)}")
    if weight.ndim != 4:
        raise ValueError(f"conv2d: expected a 4-D weight, got shape {tuple(weight.shape)}")
    stride, dilation = _pair(stride, "stride"), _pair(dilation, "dilation")
    if not isinstance(groups, int | np.integer) or groups <= 0:
        raise ValueError(f"groups must be a positive integer, got {groups!r}")
    c_in, c_out = input.shape[1], weight.shape[0]
    if c_in % groups or c_out % groups:
        raise ValueError(f"conv2d: in_channels ({c_in}) and out_channels ({c_out}) must be "
                         f"divisible by groups ({groups})")
    if weight.shape[1] * groups != c_in:
        raise ValueError(
            f"conv2d: weight of shape {tuple(weight.shape)} expects {weight.shape[1] * groups} "
            f"input channels (groups={groups}), but the input of shape {tuple(input.shape)} "
            f"has {c_in}")
    kernel = tuple(weight.shape[2:])
    if isinstance(padding, str):
        if padding == "valid":
            padding = (0, 0)
        elif padding == "same":
            if stride != (1, 1):
                raise ValueError("padding='same' is not supported for strided convolutions")
            left, right, top, bottom = _same_padding(kernel, dilation)
            if (left, top) == (right, bottom):
                padding = (top, left)
            else:
                input = Pad2d.apply(input, pad=(left, right, top, bottom))
                padding = (0, 0)
        else:
            raise ValueError(f"padding must be an int, a pair, 'valid' or 'same', "
                             f"got {padding!r}")
    padding = _pair(padding, "padding")
    for size, k, s, p, d, axis in zip(input.shape[2:], kernel, stride, padding, dilation,
                                      "HW", strict=True):
        if conv_out_size(size, k, s, p, d) <= 0:
            raise ValueError(
                f"conv2d: the kernel ({k}, dilation {d}) is larger than the padded input "
                f"along {axis} (size {size} + 2·{p})")
    out = Conv2dFunction.apply(input, weight, bias,
                               stride=stride, padding=padding, dilation=dilation,
                               groups=int(groups))
    return out.squeeze(0) if unbatched else out


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-D convolution: input (N, C_in, L) [or (C_in, L)], weight (C_out, C_in/groups, k)."""
    check_input_dtype("conv1d", input, {"weight": weight, "bias": bias})
    unbatched = input.ndim == 2
    if unbatched:
        input = input.unsqueeze(0)
    if input.ndim != 3 or weight.ndim != 3:
        raise ValueError(f"conv1d: expected input (N, C, L) and weight (C_out, C_in/groups, k), "
                         f"got shapes {tuple(input.shape)} and {tuple(weight.shape)}")
    if not isinstance(padding, str):
        padding = (0, int(padding if not isinstance(padding, tuple | list) else padding[0]))
    stride = (1, int(stride if not isinstance(stride, tuple | list) else stride[0]))
    dilation = (1, int(dilation if not isinstance(dilation, tuple | list) else dilation[0]))
    out = conv2d(input.unsqueeze(2), weight.unsqueeze(2), bias, stride, padding, dilation,
                 groups).squeeze(2)
    return out.squeeze(0) if unbatched else out


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
                     groups=1, dilation=1):
    """Transposed convolution, input (N, C_in, H, W), weight (C_in, C_out/groups, kh, kw)."""
    check_input_dtype("conv_transpose2d", input, {"weight": weight, "bias": bias})
    unbatched = input.ndim == 3
    if unbatched:
        input = input.unsqueeze(0)
    if input.ndim != 4 or weight.ndim != 4:
        raise ValueError(f"conv_transpose2d: expected 4-D input and weight, got shapes "
                         f"{tuple(input.shape)} and {tuple(weight.shape)}")
    stride, padding = _pair(stride, "stride"), _pair(padding, "padding")
    output_padding, dilation = _pair(output_padding, "output_padding"), _pair(dilation,
                                                                              "dilation")
    if input.shape[1] != weight.shape[0]:
        raise ValueError(f"conv_transpose2d: weight of shape {tuple(weight.shape)} expects "
                         f"{weight.shape[0]} input channels, the input of shape "
                         f"{tuple(input.shape)} has {input.shape[1]}")
    if input.shape[1] % groups:
        raise ValueError(f"in_channels ({input.shape[1]}) must be divisible by groups ({groups})")
    for op, s, d in zip(output_padding, stride, dilation, strict=True):
        if op >= max(s, d):
            raise ValueError(f"output_padding ({op}) must be smaller than either stride ({s}) "
                             f"or dilation ({d})")
    out = ConvTranspose2dFunction.apply(input, weight, bias, stride=stride, padding=padding,
                                        output_padding=output_padding, dilation=dilation,
                                        groups=int(groups))
    return out.squeeze(0) if unbatched else out
