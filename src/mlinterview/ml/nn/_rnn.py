"""One recurrent layer over a whole sequence as a single autograd operation.

The input projection of every time step is one matrix product, x (T·B, I) @ W_ihᵀ; the
recurrence then needs one (B, H) @ (H, G·H) product per step for all G gates at once. The
backward pass (backpropagation through time) walks the steps in reverse, carrying
dL/dh (and dL/dc for the LSTM) from step t to step t-1, and collects the pre-activation
gradients of every step so that the weight gradients are again single matrix products.

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

    # -- LSTM: the hot path, written to keep NumPy calls per time step to a minimum ---------
    #
    # Inside, the gate rows are permuted from PyTorch's (i, f, g, o) to (o, i, f, g): the
    # three sigmoid gates are then contiguous for the forward pass, and the three gates
    # driven by dc (i, f, g) are contiguous for the backward pass. The sigmoid is computed
    # as σ(z) = ½ tanh(z/2) + ½ with the ½ folded into the weights, so one np.tanh covers
    # all four gates (np.tanh is SIMD-vectorised; scipy's expit is several times slower).
    # States are stored in *step order* k = 0..T-1 (time t = k, or T-1-k when reversed) in
    # preallocated buffers written with ``out=``: hs[k + 1], cs[k + 1] are the states after
    # step k (hs[0], cs[0] the initial ones), so a step's "previous state" is a view. The
    # backward pass's derivative factors do not depend on the recurrence, so they are
    # computed for all steps at once before its loop.

    def _lstm_forward(self, x, h0, c0, w_ih, w_hh, b_ih, b_hh, reverse):
        T, B, _ = x.shape
        H = w_hh.shape[1]
        dtype = x.dtype
        self.mode, self.reverse = "LSTM", reverse
        self.has_bias = b_ih is not None
        perm = np.r_[3 * H:4 * H, 0:3 * H]  # internal row j = PyTorch row perm[j]
        half = np.ones((4 * H, 1), dtype=dtype)
        half[:3 * H] = 0.5  # sigmoid gates: tanh of z/2
        w_ih_p, w_hh_p = w_ih[perm], w_hh[perm]
        xs = x[::-1] if reverse else x
        xs_flat = np.ascontiguousarray(xs).reshape(T * B, -1)
        self.xs_flat, self.w_ih_p, self.w_hh_p, self.perm = xs_flat, w_ih_p, w_hh_p, perm
        self.x_shape = x.shape
        # All input projections at once, both biases folded in: one GEMM.
        acts = (xs_flat @ (w_ih_p * half).T).reshape(T, B, 4 * H)
        if b_ih is not None:
            acts += (b_ih + b_hh)[perm] * half[:, 0]
        w_hh_t = np.ascontiguousarray((w_hh_p * half).T)
        hs = np.empty((T + 1, B, H), dtype=dtype)
        cs = np.empty((T + 1, B, H), dtype=dtype)
        hs[0], cs[0] = h0, c0
        tanh_c = np.empty((T, B, H), dtype=dtype)
        ig = np.empty((B, H), dtype=dtype)
        for k in range(T):
            a = acts[k]  # pre-activations, overwritten by the gate values
            a += hs[k] @ w_hh_t
            np.tanh(a, out=a)
            sig = a[:, :3 * H]
            sig *= 0.5
            sig += 0.5
            o, i, f, g = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
            c = cs[k + 1]
            np.multiply(f, cs[k], out=c)
            np.multiply(i, g, out=ig)
            c += ig
            np.tanh(c, out=tanh_c[k])
            np.multiply(o, tanh_c[k], out=hs[k + 1])
        self.acts, self.hs, self.cs, self.tanh_c = acts, hs, cs, tanh_c
        out = np.empty((T + 1, B, H), dtype=dtype)
        out[:T] = hs[:0:-1] if reverse else hs[1:]
        out[T] = cs[T]
        return out

    def _lstm_backward(self, grad):
        H = self.w_hh_p.shape[1]
        T, B, _ = self.x_shape
        acts, tc = self.acts, self.tanh_c
        gy = grad[T - 1::-1] if self.reverse else grad[:T]
        o, i = acts[:, :, :H], acts[:, :, H:2 * H]
        f, g = acts[:, :, 2 * H:3 * H], acts[:, :, 3 * H:]
        # Local derivative factors of every step, vectorised over time:
        #   dc += dh · o (1 − tanh²c)                       (through h = o tanh c)
        #   dz_o = dh · tanh c · o(1 − o)
        #   dz_i = dc · g i(1 − i),  dz_f = dc · c_prev f(1 − f),  dz_g = dc · i (1 − g²)
        #   dc_prev = dc · f
        # The factors multiplying dh (o) and dc (i, f, g) are written into dz itself, in the
        # slots they will scale, and the loop multiplies in place: fewer large temporaries
        # (each fresh large array costs page faults, which is most of the gap otherwise).
        dz = _scratch("dz", (T, B, 4 * H), grad.dtype)
        for slot, gate, other in ((slice(0, H), o, tc), (slice(H, 2 * H), i, g),
                                  (slice(2 * H, 3 * H), f, self.cs[:-1])):
            fac = dz[:, :, slot]
            np.subtract(1, gate, out=fac)
            fac *= gate  # σ'(z) = σ(1 − σ)
            fac *= other
        fac = dz[:, :, 3 * H:]
        np.multiply(g, g, out=fac)
        np.subtract(1, fac, out=fac)
        fac *= i
        dc_from_dh = np.multiply(tc, tc, out=_scratch("dc_from_dh", tc.shape, grad.dtype))
        np.subtract(1, dc_from_dh, out=dc_from_dh)
        dc_from_dh *= o
        dh = np.zeros((B, H), dtype=grad.dtype)
        dc = grad[T].copy()
        tmp = np.empty((B, H), dtype=grad.dtype)
        w_hh_p = self.w_hh_p
        for k in range(T - 1, -1, -1):
            dh += gy[k]
            np.multiply(dh, dc_from_dh[k], out=tmp)
            dc += tmp
            d = dz[k]
            d[:, :H] *= dh
            by_dc = d[:, H:].reshape(B, 3, H)
            by_dc *= dc[:, None, :]
            dc *= f[k]
            dh = d @ w_hh_p
        flat = dz.reshape(T * B, 4 * H)
        dx = (flat @ self.w_ih_p).reshape(self.x_shape)
        if self.reverse:
            dx = dx[::-1]
        # Back to PyTorch's row order.
        perm = self.perm
        dw_ih = np.empty((4 * H, self.w_ih_p.shape[1]), dtype=grad.dtype)
        dw_ih[perm] = flat.T @ self.xs_flat
        dw_hh = np.empty((4 * H, H), dtype=grad.dtype)
        dw_hh[perm] = flat.T @ self.hs[:-1].reshape(T * B, H)
        db = None
        if self.has_bias:
            db = np.empty(4 * H, dtype=grad.dtype)
            db[perm] = flat.sum(axis=0)
        return dx, dh, dc, dw_ih, dw_hh, db, (db.copy() if db is not None else None)
