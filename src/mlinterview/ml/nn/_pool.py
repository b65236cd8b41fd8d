"""Pooling as autograd operations, built on the same im2col/col2im pair as convolution.

Max pooling keeps the largest value of each window; its gradient goes to that one
position (the arg max) and is zero elsewhere. Average pooling spreads the gradient evenly
over the window. Adaptive average pooling chooses windows so that any input size maps to a
fixed output size: along one axis, output cell i averages input positions
⌊i·H/out⌋ .. ⌈(i+1)·H/out⌉ − 1, which is a (out, H) averaging matrix A, so
y = A_h · x · A_wᵀ and the backward pass is A_hᵀ · g · A_w.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Function
from mlinterview.ml.nn._conv import _pair, col2im, conv_out_size, im2col


def _pool_out(size: int, k: int, s: int, p: int, d: int, ceil_mode: bool) -> int:
    span = size + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil_mode else span // s) + 1
    # In ceil mode the last window must start inside the input or the left padding.
    if ceil_mode and (out - 1) * s >= size + p:
        out -= 1
    return out


def _pad_for_windows(x, k, s, p, d, ceil_mode, value):
    """Pad so that every window of the (possibly ceil-mode) output exists."""
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = k, s, p, d
    h, w = x.shape[-2:]
    ho = _pool_out(h, kh, sh, ph, dh, ceil_mode)
    wo = _pool_out(w, kw, sw, pw, dw, ceil_mode)
    extra_h = max((ho - 1) * sh + dh * (kh - 1) + 1 - (h + 2 * ph), 0)
    extra_w = max((wo - 1) * sw + dw * (kw - 1) + 1 - (w + 2 * pw), 0)
    widths = ((0, 0), (0, 0), (ph, ph + extra_h), (pw, pw + extra_w))
    return np.pad(x, widths, constant_values=value), (ho, wo), (extra_h, extra_w)


def _offset_windows(kernel, stride, dilation, out_size):
    """(slice of rows, slice of columns) of every kernel offset: the input pixels
    that offset (i, j) reads for all H_out × W_out windows at once."""
    (kh, kw), (sh, sw), (dh, dw), (ho, wo) = kernel, stride, dilation, out_size
    for i in range(kh):
        for j in range(kw):
            yield (slice(i * dh, i * dh + sh * (ho - 1) + 1, sh),
                   slice(j * dw, j * dw + sw * (wo - 1) + 1, sw))


class MaxPool2dFunction(Function):
    """Running maximum over the kh·kw kernel offsets, each offset's windows read as one
    (strided) view; no (N, C, kh·kw, H_out, W_out) window array. In backward, the first
    offset (row-major) whose value equals the maximum gets the gradient, and a window
    holding NaN outputs NaN and sends its gradient to its last NaN: PyTorch's rules."""

    def forward(self, x, kernel, stride, padding, dilation, ceil_mode):
        padded, (ho, wo), _ = _pad_for_windows(x, kernel, stride, padding, dilation,
                                               ceil_mode, -np.inf)
        out = None
        for rows, cols in _offset_windows(kernel, stride, dilation, (ho, wo)):
            if out is None:
                out = np.ascontiguousarray(padded[:, :, rows, cols])
            else:
                # np.maximum propagates NaN, like PyTorch's max pooling.
                np.maximum(out, padded[:, :, rows, cols], out=out)
        self.padded, self.out = padded, out
        self.meta = (x.shape, kernel, stride, padding, dilation, (ho, wo))
        return out.copy()

    def backward(self, g):
        shape, kernel, stride, (ph, pw), dilation, (ho, wo) = self.meta
        padded, out = self.padded, self.out
        has_nan = bool(np.isnan(out).any())
        finite_g = bool(np.isfinite(g).all())
        gpad = np.zeros(padded.shape, dtype=g.dtype)
        claimed = np.zeros(out.shape, dtype=bool)
        won = np.empty(out.shape, dtype=bool)
        offsets = list(_offset_windows(kernel, stride, dilation, (ho, wo)))
        # PyTorch's CPU kernel scans a window in row-major order and moves its arg max when
        # `value > max or isnan(value)`: the first of tied maxima wins, but the LAST NaN.
        passes = [(offsets, np.equal)]
        if has_nan:
            passes.append((offsets[::-1], lambda w, o, out: np.logical_and(
                np.isnan(w), np.isnan(o), out=out)))
        # Elementwise ufuncs, not masked copies: np.copyto(..., where=) and np.where were
        # ~30x slower than a multiply on these shapes.
        for order, matches in passes:
            for rows, cols in order:
                window = padded[:, :, rows, cols]
                matches(window, out, out=won)
                won &= ~claimed  # a window's gradient goes to one position only
                claimed |= won
                # Within one offset the windows read distinct pixels, so += is safe. g·won
                # would turn a non-finite gradient into NaN where won is False.
                gpad[:, :, rows, cols] += g * won if finite_g else np.where(won, g, 0)
        return (gpad[:, :, ph:ph + shape[2], pw:pw + shape[3]],)


class AvgPool2dFunction(Function):
    def forward(self, x, kernel, stride, padding, ceil_mode, count_include_pad,
                divisor_override):
        padded, (ho, wo), _ = _pad_for_windows(x, kernel, stride, padding, (1, 1),
                                               ceil_mode, 0.0)
        cols = im2col(padded, *kernel, stride, (0, 0), (1, 1))[..., :ho, :wo]
        if divisor_override:
            divisor = np.full((ho, wo), float(divisor_override))
        else:
            # Count, per window, the positions that lie inside the input (plus the
            # explicit padding when count_include_pad), but never the ceil-mode overhang.
            h, w = x.shape[-2:]
            (ph, pw) = padding
            inside = np.zeros(padded.shape[-2:])
            if count_include_pad:
                inside[: h + 2 * ph, : w + 2 * pw] = 1
            else:
                inside[ph:ph + h, pw:pw + w] = 1
            counts = im2col(inside[None, None], *kernel, stride, (0, 0), (1, 1))
            divisor = counts[0, 0].sum(axis=(0, 1))[:ho, :wo]
        self.divisor = divisor.astype(x.dtype)
        self.meta = (x.shape, padded.shape, kernel, stride, padding, (ho, wo))
        return (cols.sum(axis=(2, 3)) / self.divisor).astype(x.dtype)

    def backward(self, g):
        shape, padded_shape, (kh, kw), stride, (ph, pw), (ho, wo) = self.meta
        spread = np.broadcast_to((g / self.divisor)[:, :, None, None],
                                 (*shape[:2], kh, kw, ho, wo))
        gpad = col2im(np.ascontiguousarray(spread), padded_shape, stride, (0, 0), (1, 1))
        return (gpad[:, :, ph:ph + shape[2], pw:pw + shape[3]],)


def adaptive_matrix(size: int, out: int, dtype=np.float64) -> np.ndarray:
    """(out, size) matrix whose row i averages positions ⌊i·size/out⌋..⌈(i+1)·size/out⌉−1."""
    m = np.zeros((out, size), dtype=dtype)
    for i in range(out):
        start, end = (i * size) // out, math.ceil((i + 1) * size / out)
        m[i, start:end] = 1.0 / (end - start)
    return m


class AdaptiveAvgPool2dFunction(Function):
    def forward(self, x, output_size):
        oh, ow = output_size
        self.ah = adaptive_matrix(x.shape[-2], oh, x.dtype)
        self.aw = adaptive_matrix(x.shape[-1], ow, x.dtype)
        return self.ah @ x @ self.aw.T

    def backward(self, g):
        return (self.ah.T @ g @ self.aw,)


def _check_4d(x, name):
    if x.ndim not in (3, 4):
        raise ValueError(f"{name}: expected a 3-D or 4-D input, got shape {tuple(x.shape)}")


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1,
               ceil_mode: bool = False):
    """Max over each window; stride defaults to the kernel size (non-overlapping)."""
    _check_4d(input, "max_pool2d")
    k = _pair(kernel_size, "kernel_size")
    s = k if stride is None or stride == [] else _pair(stride, "stride")
    p, d = _pair(padding, "padding"), _pair(dilation, "dilation")
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError(f"pad should be at most half of the effective kernel size, "
                         f"got padding={p} and kernel_size={k}")
    unbatched = input.ndim == 3
    x = input.unsqueeze(0) if unbatched else input
    out = MaxPool2dFunction.apply(x, kernel=k, stride=s, padding=p, dilation=d,
                                  ceil_mode=ceil_mode)
    return out.squeeze(0) if unbatched else out


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
               count_include_pad: bool = True, divisor_override=None):
    """Mean over each window (zero padding counted unless ``count_include_pad=False``)."""
    _check_4d(input, "avg_pool2d")
    k = _pair(kernel_size, "kernel_size")
    s = k if stride is None or stride == [] else _pair(stride, "stride")
    p = _pair(padding, "padding")
    if p[0] > k[0] // 2 or p[1] > k[1] // 2:
        raise ValueError(f"pad should be at most half of the kernel size, got padding={p} "
                         f"and kernel_size={k}")
    unbatched = input.ndim == 3
    x = input.unsqueeze(0) if unbatched else input
    out = AvgPool2dFunction.apply(x, kernel=k, stride=s, padding=p, ceil_mode=ceil_mode,
                                  count_include_pad=count_include_pad,
                                  divisor_override=divisor_override)
    return out.squeeze(0) if unbatched else out


def adaptive_avg_pool2d(input, output_size):
    """Average pooling to a fixed (out_h, out_w) whatever the input size; None keeps a dim."""
    _check_4d(input, "adaptive_avg_pool2d")
    if isinstance(output_size, int | np.integer):
        output_size = (output_size, output_size)
    oh, ow = (input.shape[-2] if output_size[0] is None else output_size[0],
              input.shape[-1] if output_size[1] is None else output_size[1])
    if oh <= 0 or ow <= 0:
        raise ValueError(f"output_size must be positive, got {output_size}")
    return AdaptiveAvgPool2dFunction.apply(input, output_size=(int(oh), int(ow)))


__all__ = ["adaptive_avg_pool2d", "avg_pool2d", "conv_out_size", "max_pool2d"]
