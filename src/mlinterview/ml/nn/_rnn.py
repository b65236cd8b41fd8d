"""One recurrent layer over a whole sequence as a single autograd operation.

The input projection of every time step is one matrix product, x (T·B, I) @ W_ihᵀ; the
recurrence then needs one (B, H) @ (H, G·H) product per step for all G gates at once. The
backward pass (backpropagation through time) walks the steps in reverse, carrying
dL/dh (and dL/dc for the LSTM) from step t to step t-1, and collects the pre-activation
gradients of every step so that the weight gradients are again single matrix products.

The RNN and GRU code below reads as the equations do, in the batch-major layout (B, H).
The LSTM, the benchmarked hot path, has its own forward and backward further down: the
same algorithm in a feature-major layout (H, B) with the input, hidden state and bias
stacked into one matrix product per step; the comment above ``_lstm_forward`` explains why.

Gate equations, in PyTorch's order of the stacked weights:

    RNN:   h' = tanh(W_ih x + b_ih + W_hh h + b_hh)            (or relu)
    LSTM:  i, f, g, o = σ, σ, tanh, σ of (W_ih x + b_ih + W_hh h + b_hh)
           c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
    GRU:   r, z = σ(W_i{r,z} x + b_i{r,z} + W_h{r,z} h + b_h{r,z})
           n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),   h' = (1 - z) ⊙ n + z ⊙ h
"""

from __future__ import annotations

import math
import threading

import numpy as np

from mlinterview.ml.autograd import Function

GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}

# Scratch arrays of the LSTM backward pass, kept per thread and reused between calls: a
# fresh multi-megabyte array is mapped from the OS on every call and its first touch
# costs a page fault per 4 KiB page, which on this kind of workload costs about as much as
# the arithmetic. Only buffers that never outlive one backward call live here, and only
# up to _SCRATCH_MAX_BYTES each, so a huge sequence does not pin its memory afterwards.
_SCRATCH = threading.local()
_SCRATCH_MAX_BYTES = 32 << 20
# Steps per block of the LSTM backward's weight and input gradients (see _lstm_backward).
_LSTM_BLOCK = 10


def _scratch(name: str, shape: tuple[int, ...], dtype) -> np.ndarray:
    """An uninitialised array of ``shape``/``dtype`` reused across calls on this thread."""
    if math.prod(shape) * np.dtype(dtype).itemsize > _SCRATCH_MAX_BYTES:
        return np.empty(shape, dtype=dtype)
    cache = getattr(_SCRATCH, "arrays", None)
    if cache is None:
        cache = _SCRATCH.arrays = {}
    arr = cache.get(name)
    if arr is None or arr.shape != shape or arr.dtype != dtype:
        arr = cache[name] = np.empty(shape, dtype=dtype)
    return arr


def _sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


class RecurrentLayer(Function):
    """x (T, B, I), h0 (B, H) [, c0 (B, H)] -> outputs (T, B, H) for RNN/GRU, and
    (T + 1, B, H) for the LSTM, whose last slice is the final cell state c_T.

    With ``reverse`` the sequence is read from the last step to the first; outputs stay
    aligned with the input's time index.
    """

    def forward(self, x, h0, c0, w_ih, w_hh, b_ih, b_hh, mode="LSTM", reverse=False):
        if mode == "LSTM":
            return self._lstm_forward(x, h0, c0, w_ih, w_hh, b_ih, b_hh, reverse)
        T, B, _ = x.shape
        H = w_hh.shape[1]
        dtype = x.dtype
        self.mode, self.reverse = mode, reverse
        self.x, self.w_ih, self.w_hh = x, w_ih, w_hh
        self.has_bias = b_ih is not None
        # All input projections at once: one GEMM of (T·B, I) by (I, G·H).
        xw = (x.reshape(T * B, -1) @ w_ih.T).reshape(T, B, -1)
        if b_ih is not None:
            xw += b_ih
        steps = range(T - 1, -1, -1) if reverse else range(T)
        h = h0
        out = np.empty((T, B, H), dtype=dtype)
        self.h_prev = np.empty((T, B, H), dtype=dtype)
        if mode == "GRU":
            self.acts = np.empty((T, B, 3 * H), dtype=dtype)
            self.hn = np.empty((T, B, H), dtype=dtype)
        else:
            self.acts = np.empty((T, B, H), dtype=dtype)
        for t in steps:
            self.h_prev[t] = h
            hw = h @ w_hh.T
            if b_hh is not None:
                hw += b_hh
            if mode == "GRU":
                rz = _sigmoid(xw[t, :, :2 * H] + hw[:, :2 * H])
                r, z = rz[:, :H], rz[:, H:]
                hn = hw[:, 2 * H:]
                n = np.tanh(xw[t, :, 2 * H:] + r * hn)
                h = (1 - z) * n + z * h
                self.acts[t, :, :2 * H], self.acts[t, :, 2 * H:] = rz, n
                self.hn[t] = hn
            else:
                a = xw[t] + hw
                h = np.tanh(a) if mode == "RNN_TANH" else np.maximum(a, 0)
                self.acts[t] = h
            out[t] = h
        return out

    def backward(self, g):
        if self.mode == "LSTM":
            return self._lstm_backward(g)
        mode, H = self.mode, self.w_hh.shape[1]
        T, B, _ = self.x.shape
        w_hh = self.w_hh
        gy = g[:T]
        dh = np.zeros((B, H), dtype=g.dtype)
        # Pre-activation gradients of every step: input side and hidden side (they differ
        # only for the GRU's candidate, where the hidden part is gated by r).
        da_x = np.empty((T, B, GATES[mode] * H), dtype=g.dtype)
        da_h = da_x if mode != "GRU" else np.empty_like(da_x)
        steps = range(T) if self.reverse else range(T - 1, -1, -1)
        for t in steps:
            dh = dh + gy[t]
            if mode == "GRU":
                rz, n = self.acts[t, :, :2 * H], self.acts[t, :, 2 * H:]
                r, z = rz[:, :H], rz[:, H:]
                h_prev = self.h_prev[t]
                dn_pre = dh * (1 - z) * (1 - n * n)
                dz_pre = dh * (h_prev - n) * z * (1 - z)
                dr_pre = dn_pre * self.hn[t] * r * (1 - r)
                da_x[t, :, :H], da_x[t, :, H:2 * H], da_x[t, :, 2 * H:] = dr_pre, dz_pre, dn_pre
                da_h[t, :, :H], da_h[t, :, H:2 * H] = dr_pre, dz_pre
                da_h[t, :, 2 * H:] = dn_pre * r
                dh = dh * z + da_h[t] @ w_hh
            else:
                h = self.acts[t]
                da = dh * (1 - h * h) if mode == "RNN_TANH" else dh * (h > 0)
                da_x[t] = da
                dh = da @ w_hh
        flat_x = da_x.reshape(T * B, -1)
        flat_h = da_h.reshape(T * B, -1)
        dx = (flat_x @ self.w_ih).reshape(self.x.shape)
        dw_ih = flat_x.T @ self.x.reshape(T * B, -1)
        dw_hh = flat_h.T @ self.h_prev.reshape(T * B, H)
        db_ih = flat_x.sum(axis=0) if self.has_bias else None
        db_hh = flat_h.sum(axis=0) if self.has_bias else None
        return dx, dh, None, dw_ih, dw_hh, db_ih, db_hh

    # -- LSTM: the hot path, written to keep NumPy calls per time step few and fast ---------
    #
    # Feature-major layout: inside the layer a state is an (H, B) matrix (hidden unit by
    # sample) and a step's gates are one (4H, B) block, so each gate is a contiguous (H, B)
    # slab. NumPy's elementwise loops run ~3x faster on contiguous slabs than on the
    # strided column blocks of the batch-major (B, 4H) layout, and the loop over time is
    # made of such small operations.
    #
    # The gate rows are permuted from PyTorch's (i, f, g, o) to (o, i, f, g): the three
    # sigmoid gates then adjoin for the forward pass, and the three gates driven by dc
    # (i, f, g) adjoin for the backward pass. The sigmoid is computed as
    # σ(z) = ½ tanh(z/2) + ½ with the ½ folded into the weights, so one np.tanh covers all
    # four gates (np.tanh is SIMD-vectorised; scipy's expit is several times slower).
    #
    # One matrix product per step: W = [W_ih | W_hh | b_ih + b_hh] of shape (4H, F),
    # F = I + H + 1, times the column stack v_k = [x_k; h_(k-1); 1] of shape (F, B). The
    # stacks of every step live in one buffer xh (T + 1, F, B): the inputs are copied in
    # before the loop and step k writes its h into xh[k + 1]. The backward pass then gets
    # every weight and bias gradient from one product too, dW = Σ_k dz_k v_kᵀ (the last
    # column, dotted with the ones, is the bias gradient).
    #
    # Steps are numbered in the order they run, k = 0..T-1 (time t = k, or T-1-k when
    # reversed).

    def _lstm_forward(self, x, h0, c0, w_ih, w_hh, b_ih, b_hh, reverse):
        T, B, I = x.shape
        H = w_hh.shape[1]
        dtype = x.dtype
        self.mode, self.reverse, self.x_shape = "LSTM", reverse, x.shape
        self.has_bias = b_ih is not None
        perm = np.r_[3 * H:4 * H, 0:3 * H]  # internal row j = PyTorch row perm[j]
        F = I + H + self.has_bias
        w = np.empty((4 * H, F), dtype=dtype)
        w[:, :I], w[:, I:I + H] = w_ih[perm], w_hh[perm]
        if self.has_bias:
            w[:, -1] = (b_ih + b_hh)[perm]
        w_half = w.copy()
        w_half[:3 * H] *= 0.5  # sigmoid gates: tanh of z/2
        xh = np.empty((T + 1, F, B), dtype=dtype)
        xh[:T, :I] = (x[::-1] if reverse else x).transpose(0, 2, 1)
        xh[0, I:I + H] = h0.T
        if self.has_bias:
            xh[:, -1] = 1
        # Per step, the gate values and the cell state that enters the step, side by side:
        # acts[k] = [o; i; f; g; c_prev] (5H, B). Then [i; f] ⊙ [g; c_prev] is one product,
        # and step k writes its cell state into acts[k + 1]'s last slab.
        acts = np.empty((T + 1, 5 * H, B), dtype=dtype)
        acts[0, 4 * H:] = c0.T
        # The products [i ⊙ g; f ⊙ c_prev] of every step, kept: the backward pass's
        # derivative factors are cheaper from them (see _lstm_backward).
        prods = np.empty((T, 2 * H, B), dtype=dtype)
        tanh_c = np.empty((T, H, B), dtype=dtype)
        # Views of every step's slabs, made once: indexing one is cheaper than slicing.
        z, sig, o = acts[:, :4 * H], acts[:, :3 * H], acts[:, :H]
        i_f, g_c, c_next = acts[:, H:3 * H], acts[:, 3 * H:], acts[1:, 4 * H:]
        ig, fc, h_next = prods[:, :H], prods[:, H:], xh[1:, I:I + H]
        for k in range(T):
            np.matmul(w_half, xh[k], out=z[k])  # pre-activations, overwritten by the gates
            np.tanh(z[k], out=z[k])
            s = sig[k]  # (sig[k] *= 0.5 would add a __setitem__ call)
            s *= 0.5
            s += 0.5
            np.multiply(i_f[k], g_c[k], out=prods[k])
            np.add(ig[k], fc[k], out=c_next[k])  # c = f ⊙ c_prev + i ⊙ g
            np.tanh(c_next[k], out=tanh_c[k])
            np.multiply(o[k], tanh_c[k], out=h_next[k])  # h = o ⊙ tanh(c)
        self.w, self.perm, self.acts, self.prods, self.tanh_c, self.xh = w, perm, acts, \
            prods, tanh_c, xh
        hs = xh[1:, I:I + H]  # (T, H, B), step order
        out = np.empty((T + 1, B, H), dtype=dtype)
        out[:T] = (hs[::-1] if reverse else hs).transpose(0, 2, 1)
        out[T] = acts[T, 4 * H:].T
        return out

    def _lstm_backward(self, grad):
        T, B, I = self.x_shape
        H = self.tanh_c.shape[1]
        dt = grad.dtype
        acts, tc, w = self.acts, self.tanh_c, self.w
        # dL/dh of every step from the outputs, feature-major and in step order.
        gy = _scratch("gy", (T, H, B), dt)
        np.copyto(gy, (grad[T - 1::-1] if self.reverse else grad[:T]).transpose(0, 2, 1))
        o, i, f, g = (acts[:T, j * H:(j + 1) * H] for j in range(4))
        h, ig = self.xh[1:, I:I + H], self.prods[:, :H]
        # Local derivative factors of every step, vectorised over time (σ' = σ(1 − σ),
        # tanh' = 1 − tanh², and h = o tanh c):
        #   dc += dh · o(1 − tanh²c)       = dh · (o − h tanh c)
        #   dz_o = dh · tanh c · o(1 − o)  = dh · h(1 − o)
        #   dz_i = dc · g · i(1 − i)       = dc · (ig)(1 − i)
        #   dz_f = dc · c_prev · f(1 − f)  = dc · (fc_prev)(1 − f)
        #   dz_g = dc · i(1 − g²)          = dc · (i − (ig) g)
        #   dc_prev = dc · f
        # The right-hand forms reuse the forward's products: fewer passes over memory. The
        # factors are written into one buffer, [dc-from-dh; o; i; f; g] (5H, B) per step,
        # in the slots they will scale; the loop multiplies in place, so the two factors
        # that scale dh are one product and those that scale dc another.
        fac = _scratch("dz", (T, 5 * H, B), dt)
        np.multiply(h, tc, out=fac[:, :H])
        np.subtract(o, fac[:, :H], out=fac[:, :H])
        np.subtract(1, acts[:T, :3 * H], out=fac[:, H:4 * H])
        fac[:, H:2 * H] *= h
        fac[:, 2 * H:4 * H] *= self.prods
        np.multiply(ig, g, out=fac[:, 4 * H:])
        np.subtract(i, fac[:, 4 * H:], out=fac[:, 4 * H:])
        # BPTT: dh and dc flow from step k to step k-1; dz[k] becomes dL/d(pre-activations).
        dh = np.zeros((H, B), dtype=dt)
        dc = np.array(grad[T].T, order="C")
        w_hh_t = np.ascontiguousarray(w[:, I:I + H].T)  # (H, 4H)
        by_dh = fac[:, :2 * H].reshape(T, 2, H, B)
        by_dc = fac[:, 2 * H:].reshape(T, 3, H, B)
        dc_from_dh, dz = fac[:, :H], fac[:, H:]
        # The weight, bias and input gradients are sums of products over steps and samples:
        #   dW = Σ_k dz_k v_kᵀ  (v_k = [x_k; h_(k-1); 1]),   dx_k = W_ihᵀ dz_k.
        # They are taken a block of _LSTM_BLOCK steps at a time, right after the loop has
        # produced the block's dz (still in the core's cache): the block's dz and v are
        # transposed to (features, steps·samples) so each is one matrix product.
        F = w.shape[1]
        dw, dw_block = np.zeros((4 * H, F), dtype=dt), np.empty((4 * H, F), dtype=dt)
        dx = np.empty((T, B, I), dtype=dt)  # rows in step order
        dz_buf = _scratch("dz_cols", (4 * H * _LSTM_BLOCK * B,), dt)
        v_buf = _scratch("v_cols", (F * _LSTM_BLOCK * B,), dt)
        for stop in range(T, 0, -_LSTM_BLOCK):
            start = max(stop - _LSTM_BLOCK, 0)
            for k in range(stop - 1, start - 1, -1):
                dh += gy[k]
                np.multiply(by_dh[k], dh, out=by_dh[k])
                dc += dc_from_dh[k]
                np.multiply(by_dc[k], dc, out=by_dc[k])
                dc *= f[k]
                np.matmul(w_hh_t, dz[k], out=dh)  # dL/dh_(k-1) = W_hhᵀ dz_k
            n = (stop - start) * B
            dz_cols = dz_buf[:4 * H * n].reshape(4 * H, stop - start, B)
            np.copyto(dz_cols, dz[start:stop].transpose(1, 0, 2))
            v_cols = v_buf[:F * n].reshape(F, stop - start, B)
            np.copyto(v_cols, self.xh[start:stop].transpose(1, 0, 2))
            dz_cols, v_cols = dz_cols.reshape(4 * H, n), v_cols.reshape(F, n)
            np.matmul(dz_cols, v_cols.T, out=dw_block)
            dw += dw_block
            np.matmul(dz_cols.T, w[:, :I], out=dx[start:stop].reshape(n, I))
        if self.reverse:
            dx = dx[::-1]
        # Back to PyTorch's row order.
        perm = self.perm
        dw_ih = np.empty((4 * H, I), dtype=dt)
        dw_ih[perm] = dw[:, :I]
        dw_hh = np.empty((4 * H, H), dtype=dt)
        dw_hh[perm] = dw[:, I:I + H]
        db = None
        if self.has_bias:
            db = np.empty(4 * H, dtype=dt)
            db[perm] = dw[:, -1]
        return (dx, dh.T.copy(), dc.T.copy(), dw_ih, dw_hh, db,
                (db.copy() if db is not None else None))
