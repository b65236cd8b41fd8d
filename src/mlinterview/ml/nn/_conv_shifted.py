"""Stride-1 convolutions without im2col: shifted slices of the flattened padded image.

Flatten each sample's padded input (C, H_p, W_p) to (C, H_p·W_p). The kernel offset
(i, j) then reads, for the output pixel at flat position p = y·W_p + x, the input at
p + s_ij with s_ij = d_h·i·W_p + d_w·j: the SAME shift for every pixel. So the window of
offset (i, j) over all output pixels is one contiguous slice ``x_flat[:, s_ij:s_ij + L]``,
and the convolution is

    y_flat[:, p] = Σ_ij W[:, :, i, j] @ x_flat[:, p + s_ij]          p < L = (H_o−1)·W_p + W_o

computed on the padded grid: the positions p with x ≥ W_o wrap into the next row and give
garbage, which is cropped once when the output is written as (N, C_out, H_o, W_o). Here the
kh·kw slices of a few samples are stacked (contiguous copies, in cache) and multiplied by
the weight in ONE product with K = kh·kw·C_in, which keeps BLAS efficient; the textbook
im2col in :mod:`._conv` copies the same numbers, but as kh·kw·C_in strided 2-D windows.

Backward, with the output gradient g laid out on the same grid (zeros at the cropped
positions):

    dW[:, :, i, j] = Σ_p g_flat[:, p] x_flat[:, p + s_ij]ᵀ
    dx_flat[:, q]  = Σ_ij W[:, :, i, j]ᵀ g_flat[:, q − s_ij]

Both are again sums of shifted contiguous slices, with no scatter; :func:`conv2d_backward`
splits each shift into its row part (applied to g) and its column part (applied to x, or
to the product for dx), which stacks fewer rows than kh·kw shifts of g would.

Only stride 1 has one shift per offset (with stride s, pixel p reads s·p + s_ij): strided
convolutions keep the im2col path, and a transposed convolution of stride s (dilation 1)
is rewritten as s_h·s_w stride-1 convolutions, its "phases" (end of this module).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.nn._gemm import _matmul_columns


def _shifts(kernel, dilation, width: int) -> list[int]:
    """Flat shift d_h·i·W_p + d_w·j of every kernel offset (i, j), in (kh, kw) order."""
    (kh, kw), (dh, dw) = kernel, dilation
    return [i * dh * width + j * dw for i in range(kh) for j in range(kw)]


def _stack(src: np.ndarray, shifts: list[int], start: int, cols: np.ndarray) -> None:
    """cols[:, :, k] = src[..., start + shifts[k] : … + L] for src (m, G, C/G, S) and cols
    (m, G, K, C/G, L): one contiguous slice per offset k."""
    length = cols.shape[-1]
    for k, s in enumerate(shifts):
        cols[:, :, k] = src[..., start + s:start + s + length]


def backward_weight(w_stack: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """The stacked weight (G, C_out/G, kh·kw·C_in/G) (columns ordered (kh, kw, C_in/G),
    as ``_conv._offset_major`` makes it) -> (G, kw·C_in/G, kh·C_out/G) with
    [g, (j, c), (i, o)] = W[o, c, i, j]: the input gradient's weight (see
    :func:`conv2d_backward`)."""
    groups, co_g, _ = w_stack.shape
    w = w_stack.reshape(groups, co_g, kh, kw, -1).transpose(0, 3, 4, 2, 1)
    return np.ascontiguousarray(w).reshape(groups, kw * w.shape[2], kh * co_g)


def _correlate(w_stack: np.ndarray, src: np.ndarray, shifts: list[int], start: int,
               out: np.ndarray, cols: np.ndarray) -> None:
    """out = Σ_k W_k @ src[..., start + shifts[k] : … + L]: stack the slices into ``cols``
    (m, G, K, C/G, L) and multiply once by ``w_stack`` (G, A/G, K·C/G); out (m, G, A/G, L)."""
    m, groups, k, c_g, length = cols.shape
    _stack(src, shifts, start, cols)
    _matmul_columns(w_stack[None], cols.reshape(m, groups, k * c_g, length), out)


def conv2d_forward(xp: np.ndarray, w_stack: np.ndarray, kernel, dilation, out_hw,
                   chunks: list[slice], out) -> None:
    """Write conv2d(xp) at stride 1 into ``out`` (N, C_out, H_o, W_o).

    xp is the padded input (N, C_in, H_p, W_p); w_stack is the weight (G, C_out/G,
    kh·kw·C_in/G), columns ordered (kh, kw, C_in/G) like the rows of the stacked slices.
    ``out`` may also be a function ``out(part, y)`` that stores each chunk's output y
    (m, C_out, H_o, W_o), a view of a scratch buffer, itself (the phases interleave it).
    """
    n, c_in, hp, wp = xp.shape
    groups, co_g, _ = w_stack.shape
    ho, wo = out_hw
    shifts = _shifts(kernel, dilation, wp)
    length = (ho - 1) * wp + wo
    src = xp.reshape(n, groups, c_in // groups, hp * wp)
    step = chunks[0].stop
    cols = np.empty((step, groups, len(shifts), c_in // groups, length), xp.dtype)
    # The output on the padded grid
    grid = np.empty((step, groups, co_g, ho * wp), np.result_type(xp, w_stack))
    for part in chunks:
        m = part.stop - part.start
        _correlate(w_stack, src[part], shifts, 0, grid[:m, ..., :length], cols[:m])
        y = grid[:m].reshape(m, groups * co_g, ho, wp)[..., :wo]
        if callable(out):
            out(part, y)
        else:
            out[part] = y


def conv2d_backward(xp: np.ndarray, w_back: np.ndarray, g: np.ndarray, kernel, dilation,
                    box, chunks: list[slice], need_x: bool, need_w: bool):
    """Gradients of a stride-1 conv2d: (dx (N, C_in, H, W) or None, dW (C_out, C_in/G,
    kh, kw) or None), for the padded input xp (N, C_in, H_p, W_p), ``w_back`` from
    :func:`backward_weight` and the output gradient g (N, C_out, H_o, W_o): an array, or
    an object with ``shape``, ``dtype`` and ``load(part, dst)`` that writes the gradient of
    the samples ``part`` into dst (m, C_out, H_o, W_o) (:class:`PhaseGradient`).

    ``box`` = (top, left, H, W) is where the unpadded input sits in xp; xp must be zero
    outside it (it is padding).

    The shift s_ij = d_h·i·W_p + d_w·j splits into a row part and a column part. With
    gv_i[u] = g_flat[u − d_h·i·W_p] (the kh row shifts of g, stacked) and
    xh_j[u] = x_flat[u + d_w·j] (the kw column shifts of x):

        dx_flat[q]     = Σ_j P_j[q − d_w·j],   P = W_back @ gv      ((j, c) x (i, o) weight)
        dW[o, c, i, j] = Σ_u gv_i[o, u] · xh_j[c, u]  = (gv @ xhᵀ)[(i, o), (j, c)]

    Two stacks of kh·C_out and kw·C_in rows instead of one of kh·kw·C_out, and products of
    the same size, in a better shape for BLAS than (kh·kw·C_out) x C_in.
    """
    n, c_in, hp, wp = xp.shape
    _, c_out, ho, wo = g.shape
    groups = w_back.shape[0]
    ci_g, co_g = c_in // groups, c_out // groups
    (kh, kw), (dh, dw), (ph, pw, h, w) = kernel, dilation, box
    reach = (kw - 1) * dw  # how far the column shifts reach
    lead = (kh - 1) * dh * wp + reach  # zeros stored before g: every index below is >= 0
    # u runs over the interior rows, widened on the left by the column shifts' reach.
    u0, length = ph * wp - reach, h * wp + reach
    # dW needs only the u where x_flat[u + d_w·j] exists (gv is zero elsewhere).
    lo, hi = max(u0, 0), min(u0 + length, hp * wp - reach)
    row_shifts = [lead + u0 - i * dh * wp for i in range(kh)]
    col_shifts = [j * dw for j in range(kw)]
    src = xp.reshape(n, groups, ci_g, hp * wp)
    step = chunks[0].stop
    # g on the padded grid, zero at the cropped positions (and in the `lead` zeros).
    g_grid = np.zeros((step, groups, co_g, lead + hp * wp), g.dtype)
    g_rows = g_grid[..., lead:lead + ho * wp].reshape(step, c_out, ho, wp)
    gv = np.empty((step, groups, kh, co_g, length), g.dtype)
    if need_x:
        gx = np.empty((n, c_in, h, w), g.dtype)
        parts = np.empty((step, groups, kw, ci_g, length), g.dtype)
    if need_w:
        # Laid out (u, (j, c)): BLAS multiplies gv @ xh faster than gv @ (a (j, c), u)ᵀ.
        xh = np.empty((step, groups, hi - lo, kw, ci_g), g.dtype)
        gw = 0.0
    for part in chunks:
        m = part.stop - part.start
        if isinstance(g, np.ndarray):
            g_rows[:m, ..., :wo] = g[part]
        else:
            g.load(part, g_rows[:m, ..., :wo])
        _stack(g_grid[:m], row_shifts, 0, gv[:m])
        gv_flat = gv[:m].reshape(m, groups, kh * co_g, length)
        if need_x:
            _matmul_columns(w_back[None], gv_flat, parts[:m].reshape(m, groups, kw * ci_g,
                                                                       length))
            for j in range(kw):  # dx[q] = Σ_j P_j[q + reach − d_w·j], cropped to the box
                start = reach - j * dw
                p_j = parts[:m, :, j, :, start:start + h * wp].reshape(m, c_in, h, wp)
                if j == 0:
                    gx[part] = p_j[..., pw:pw + w]
                else:
                    gx[part] += p_j[..., pw:pw + w]
        if need_w:
            for j, shift in enumerate(col_shifts):
                xh[:m, :, :, j] = np.swapaxes(src[part, ..., lo + shift:hi + shift], 2, 3)
            gw = gw + np.matmul(gv_flat[..., lo - u0:hi - u0],
                                xh[:m].reshape(m, groups, hi - lo, kw * ci_g)).sum(axis=0)
    if need_w:  # (G, (kh, C_out/G), (kw, C_in/G)) -> (C_out, C_in/G, kh, kw)
        gw = gw.reshape(groups, kh, co_g, kw, ci_g).transpose(0, 2, 4, 1, 3)
        gw = np.ascontiguousarray(gw).reshape(c_out, ci_g, kh, kw)
    return (gx if need_x else None), (gw if need_w else None)


# A transposed convolution of stride s (dilation 1) is s_h·s_w stride-1 convolutions, one
# per output phase r = (o + padding) mod s: the output pixel o = s·t + r − padding only
# meets the taps k ≡ r (mod s), k = r + s·m, at the input t − m:
#
#     y[s·t + r − p] = Σ_m W[:, :, r + s·m]ᵀ x[t − m]          m < K = ⌈k / s⌉
#
# i.e. a stride-1 convolution of x (padded by K − 1) with the flipped sub-kernel of phase r.
# All phases together are ONE stride-1 conv2d with s_h·s_w·C_out output channels, run by
# the functions above; its output is then interleaved ("pixel shuffle") into the upsampled
# map. Taps past the kernel (k not a multiple of s) are zeros of the sub-kernels.


def phase_weight(weight: np.ndarray, stride, groups: int) -> np.ndarray:
    """ConvTranspose2d weight (C_in, C_out/G, kh, kw) -> the conv2d weight
    (G·s_h·s_w·C_out/G, C_in/G, K_h, K_w) of its stride-1 phases, output channels ordered
    (G, r_h, r_w, C_out/G)."""
    c_in, co_g, kh, kw = weight.shape
    sh, sw = stride
    big_h, big_w = -(-kh // sh), -(-kw // sw)
    full = np.zeros((c_in, co_g, big_h * sh, big_w * sw), weight.dtype)
    full[..., :kh, :kw] = weight
    # tap = s·m + r: axes (G, C_in/G, C_out/G, m_h, r_h, m_w, r_w); conv2d's offset is K−1−m.
    w = full.reshape(groups, c_in // groups, co_g, big_h, sh, big_w, sw)[:, :, :, ::-1, :, ::-1]
    w = w.transpose(0, 4, 6, 2, 1, 3, 5)  # (G, r_h, r_w, C_out/G, C_in/G, K_h, K_w)
    return np.ascontiguousarray(w).reshape(groups * sh * sw * co_g, c_in // groups,
                                           big_h, big_w)


def phase_weight_grad(grad: np.ndarray, weight_shape, stride, groups: int) -> np.ndarray:
    """Adjoint of :func:`phase_weight`: the phases' weight gradient -> (C_in, C_out/G, kh,
    kw)."""
    c_in, co_g, kh, kw = weight_shape
    sh, sw = stride
    big_h, big_w = grad.shape[2:]
    w = grad.reshape(groups, sh, sw, co_g, c_in // groups, big_h, big_w)
    w = w.transpose(0, 4, 3, 5, 1, 6, 2)[:, :, :, ::-1, :, ::-1]  # (G, ci, co, m_h, r_h, …)
    return np.ascontiguousarray(w.reshape(c_in, co_g, big_h * sh, big_w * sw)[..., :kh, :kw])


class PhaseGradient:
    """A transposed convolution's output gradient g (N, C_out, H_o, W_o), seen as the
    gradient of its phases' conv2d (N, G·s_h·s_w·C_out/G, T_h, T_w) for
    :func:`conv2d_backward`, which loads it chunk by chunk (no de-interleaved copy)."""

    def __init__(self, g: np.ndarray, stride, padding, groups: int, grid):
        n, c_out, ho, wo = g.shape
        self.g = g.reshape(n, groups, c_out // groups, ho, wo)
        self.shape = (n, c_out * stride[0] * stride[1], *grid)
        self.dtype = g.dtype
        self.stride = stride
        self.slices = phase_slices(stride, padding, (ho, wo))

    def load(self, part: slice, dst: np.ndarray) -> None:
        m, _, *grid = dst.shape
        groups, co_g = self.g.shape[1:3]
        dst = dst.reshape(m, groups, *self.stride, co_g, *grid)
        for (r_h, r_w), rows, cols in self.slices:  # dst is zero where no output lands
            dst[:, :, r_h, r_w, :, rows[1], cols[1]] = self.g[part, ..., rows[0], cols[0]]


def phase_slices(stride, padding, out_hw):
    """For every phase (r_h, r_w): the output pixels it produces, o = s·t + r − p, as
    (rows of the output, rows of the phase grid, columns of each)."""
    result = []
    for r_h in range(stride[0]):
        for r_w in range(stride[1]):
            pair = []
            for r, s, p, size in ((r_h, stride[0], padding[0], out_hw[0]),
                                  (r_w, stride[1], padding[1], out_hw[1])):
                first = (r - p) % s  # first output index of this phase
                count = len(range(first, size, s))
                t0 = (first + p - r) // s
                pair.append((slice(first, size, s), slice(t0, t0 + count)))
            result.append(((r_h, r_w), pair[0], pair[1]))
    return result
