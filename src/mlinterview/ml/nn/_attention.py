"""Scaled dot-product attention as one fused autograd operation, with PyTorch's semantics.

    attention(Q, K, V) = softmax(Q Kᵀ · scale + bias) V,     scale = 1 / √E by default

for queries Q (..., L, E), keys K (..., S, E) and values V (..., S, Ev). Each of the L
queries takes a weighted average of the S values, weighted by how well it matches each
key. Why divide by √E: with independent unit-variance entries, q·k is a sum of E products
of variance 1, so its variance is E; unscaled, the scores grow like √E and the softmax
saturates into a one-hot whose gradient is almost zero. Dividing by √E keeps the score
variance at 1 whatever the head size.

Masks (``attn_mask``) follow ``torch.nn.functional.scaled_dot_product_attention``:

- a **bool** mask says where attention is *allowed* (True = attend; False = the score
  becomes -inf, so the key gets weight 0);
- a **float** mask is *added* to the scores (0 to keep, -inf to drop, or any bias such as
  ALiBi's), and receives a gradient;
- ``is_causal=True`` lets query i see keys 0..i only (the lower triangle, aligned at the
  top-left corner when L != S, as in PyTorch).

A query whose keys are all masked gets an output of zeros and zero gradients, as the CPU
kernels of PyTorch 2.13 return (the documented reference formula would give NaN: softmax
over a row of -inf is 0/0).

Grouped-query attention (``enable_gqa=True``; Ainslie et al., 2023): query has Hq heads and
key/value Hkv heads with Hq a multiple of Hkv; query head h reads key/value head
h // (Hq / Hkv), as PyTorch's ``repeat_interleave`` does. We never copy K and V G = Hq/Hkv
times: the queries are reshaped to (..., Hkv, G, L, E) and broadcast against (..., Hkv, 1,
S, E), and the gradients of K and V sum over the G axis.

Backward, with P the attention weights, dO = dL/dO and D = rowsum(dO ⊙ O) (the trick that
FlashAttention uses: Σ_j P_ij dP_ij = dO_i · O_i, so the (L, S) product is never summed)::

    dV = Pᵀ dO       dP = dO Vᵀ       dS = P ⊙ (dP - D)
    dQ = dS K · scale      dK = dSᵀ Q · scale      d(bias) = dS

Memory is O(L·S) per head: the full weight matrix is built. Tiling that avoids it
(FlashAttention) is a topic of its own (efficient-attention).
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Function, Tensor
from mlinterview.ml.autograd.tensor import _operand


def _array(x, name: str) -> np.ndarray:
    if isinstance(x, Tensor):
        return x.data
    try:
        return np.asarray(x)
    except (TypeError, ValueError) as exc:  # pragma: no cover - numpy accepts nearly all
        raise TypeError(f"{name}: expected a Tensor or an array, got {type(x).__name__}") \
            from exc


class _SDPA(Function):
    """softmax(Q Kᵀ · scale + bias) V for arrays already checked by the public function.

    Shapes: q (..., Hkv, G, L, E) when grouped, else (..., L, E); k and v carry a matching
    axis of length 1 in place of G. ``bias`` is None or broadcastable to the scores in the
    public (..., Hq, L, S) layout. ``keep`` is None (no dropout) or the boolean mask of the
    weights that dropout keeps, in the scores' layout.
    """

    def forward(self, q, k, v, bias, scale, grouped, keep, p):
        # The scale goes on q (L·E numbers) rather than on the scores (L·S numbers), and
        # the softmax works in place: each pass over an (L, S) array costs as much as a
        # small matrix product.
        scores = np.matmul(q * q.dtype.type(scale), np.swapaxes(k, -1, -2))
        # Masks are written in the public layout (..., Hq, L, S): fold G into the heads.
        public = scores.reshape(*scores.shape[:-4], -1, *scores.shape[-2:]) if grouped \
            else scores
        if bias is not None:
            if np.broadcast_shapes(public.shape, bias.shape) == public.shape:
                public += bias
            else:  # a mask with more batch dimensions than q, k and v
                public = public + bias
        # Subtract the row max before exp (no overflow); a fully masked row has max -inf:
        # use 0 there so exp gives 0 everywhere instead of NaN.
        row_max = public.max(axis=-1, keepdims=True)
        row_max[~np.isfinite(row_max)] = 0
        public -= row_max
        weights = np.exp(public, out=public)
        total = weights.sum(axis=-1, keepdims=True)
        total[total == 0] = 1  # an all-masked row: weights stay 0, so the output is 0
        weights *= 1 / total
        if grouped:  # back to (..., Hkv, G, L, S) for the product with v
            weights = weights.reshape(*weights.shape[:-3], -1, q.shape[-3],
                                      *weights.shape[-2:])
        self.weights = weights
        if keep is not None:
            weights = weights * keep.reshape(weights.shape) * weights.dtype.type(1 / (1 - p))
        self.dropped = weights
        self.q, self.k, self.v = q, k, v
        self.scale, self.grouped, self.keep, self.p = scale, grouped, keep, p
        out = np.matmul(weights, v)
        self.out = out
        return out

    def backward(self, g):
        need_q, need_k, need_v, need_bias = self.needs_input_grad[:4]
        q, k, v, weights = self.q, self.k, self.v, self.weights
        gv = np.matmul(np.swapaxes(self.dropped, -1, -2), g) if need_v else None
        if self.grouped and gv is not None:
            gv = gv.sum(axis=-3, keepdims=True)
        if not (need_q or need_k or need_bias):
            return None, None, gv, None
        d_scores = np.matmul(g, np.swapaxes(v, -1, -2))  # dP, then dS in place
        if self.keep is not None:
            d_scores *= self.keep.reshape(d_scores.shape) * d_scores.dtype.type(
                1 / (1 - self.p))
        # Σ_j P_ij dP_ij = rowsum(dO ⊙ O): an (L, Ev) product instead of (L, S).
        d_scores -= np.sum(g * self.out, axis=-1, keepdims=True)
        d_scores *= weights
        scale = d_scores.dtype.type(self.scale)
        gq = np.matmul(d_scores, k) * scale if need_q else None
        gk = None
        if need_k:
            gk = np.matmul(np.swapaxes(d_scores, -1, -2), q) * scale
            if self.grouped:
                gk = gk.sum(axis=-3, keepdims=True)
        gbias = None
        if need_bias:
            gbias = d_scores.reshape(*d_scores.shape[:-4], -1, *d_scores.shape[-2:]) \
                if self.grouped else d_scores
        return gq, gk, gv, gbias


def _bias_from_mask(attn_mask, dtype, L: int, S: int):
    """The additive bias of ``attn_mask``: a Tensor (float mask, keeps its gradient), an
    array (bool mask: 0 where allowed, -inf where not), or None."""
    if attn_mask is None:
        return None
    arr = _array(attn_mask, "attn_mask")
    if arr.ndim < 2 or arr.shape[-2] not in (1, L) or arr.shape[-1] not in (1, S):
        raise ValueError(f"attn_mask: expected a mask broadcastable to (..., L, S) = "
                         f"(..., {L}, {S}), got shape {arr.shape}")
    if arr.dtype == np.bool_:
        return np.where(arr, 0.0, -np.inf).astype(dtype)
    if arr.dtype.kind != "f":
        raise TypeError(f"attn_mask: expected a bool mask (True = attend) or a float mask "
                        f"(added to the scores), got dtype {arr.dtype}")
    if isinstance(attn_mask, Tensor):
        return attn_mask if attn_mask.dtype == dtype else attn_mask.to(dtype)
    return arr.astype(dtype, copy=False)


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p: float = 0.0,
                                 is_causal: bool = False, scale: float | None = None,
                                 enable_gqa: bool = False, *,
                                 generator: np.random.Generator | None = None) -> Tensor:
    """softmax(query keyᵀ · scale + mask) value, as PyTorch's F.scaled_dot_product_attention.

    Args:
        query: (..., L, E) — with ``enable_gqa``, (..., Hq, L, E).
        key: (..., S, E) — with ``enable_gqa``, (..., Hkv, S, E) with Hq % Hkv == 0.
        value: (..., S, Ev), with key's heads.
        attn_mask: broadcastable to (..., L, S). Bool: True = may attend. Float: added to
            the scores (and differentiated).
        dropout_p: probability of zeroing each attention weight (the rest are scaled by
            1 / (1 - p)). PyTorch applies it whenever it is > 0; pass 0 in evaluation.
        is_causal: query i attends to keys 0..i only; ``attn_mask`` must then be None.
        scale: multiplies the scores; default 1 / √E.
        enable_gqa: grouped-query attention (key/value with fewer heads than query).
        generator: NumPy generator for the dropout mask (an addition to PyTorch's
            signature, for reproducible runs).

    Returns:
        (..., L, Ev): the batch dimensions broadcast among query, key and value.
    """
    q, k, v = (_operand(x, scalar_ok=False) for x in (query, key, value))
    for name, t in (("query", q), ("key", k), ("value", v)):
        if t.dtype.kind != "f":
            raise TypeError(f"scaled_dot_product_attention: {name} must be floating point, "
                            f"got dtype {t.dtype}")
        if t.ndim < 2:
            raise ValueError(f"scaled_dot_product_attention: {name} must have at least 2 "
                             f"dimensions (..., length, features), got shape {t.shape}")
    if not q.dtype == k.dtype == v.dtype:
        raise TypeError(f"scaled_dot_product_attention: query, key and value must share a "
                        f"dtype, got {q.dtype}, {k.dtype} and {v.dtype}")
    if k.shape[-1] != q.shape[-1]:
        raise ValueError(f"key: its last dimension ({k.shape[-1]}) must equal query's "
                         f"embedding size E = {q.shape[-1]} (shapes {q.shape}, {k.shape})")
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(f"value: its length ({v.shape[-2]}) must equal key's S = "
                         f"{k.shape[-2]} (shapes {k.shape}, {v.shape})")
    if not 0.0 <= dropout_p < 1.0:
        raise ValueError(f"dropout_p must be in [0, 1), got {dropout_p}")
    if is_causal and attn_mask is not None:
        raise ValueError("attn_mask: must be None when is_causal=True (PyTorch's documented "
                         "semantics); merge the causal mask into attn_mask instead")
    L, S, E = q.shape[-2], k.shape[-2], q.shape[-1]
    scale = 1.0 / math.sqrt(E) if scale is None else float(scale)

    groups = 1
    if enable_gqa:
        if q.ndim < 3 or k.ndim < 3 or v.ndim < 3:
            raise ValueError("enable_gqa: query, key and value need a heads dimension "
                             f"(..., H, L, E), got shapes {q.shape}, {k.shape}, {v.shape}")
        hq, hk = q.shape[-3], k.shape[-3]
        if v.shape[-3] != hk or hq % hk:
            raise ValueError(f"enable_gqa: query heads ({hq}) must be a multiple of the key "
                             f"and value heads ({hk}, {v.shape[-3]}), which must be equal")
        groups = hq // hk
    elif q.ndim >= 3 and k.ndim >= 3 and q.shape[-3] != k.shape[-3] \
            and 1 not in (q.shape[-3], k.shape[-3]):
        raise ValueError(f"key: {k.shape[-3]} heads against {q.shape[-3]} query heads; pass "
                         "enable_gqa=True for grouped-query attention")
    lead = -3 if groups > 1 else -2  # with GQA the heads differ on purpose
    try:
        batch = np.broadcast_shapes(q.shape[:lead], k.shape[:lead], v.shape[:lead])
    except ValueError:
        raise ValueError(f"query, key and value: batch dimensions {q.shape[:lead]}, "
                         f"{k.shape[:lead]} and {v.shape[:lead]} do not broadcast") from None
    if groups > 1:
        batch = (*batch, q.shape[-3])

    bias = _bias_from_mask(attn_mask, q.dtype, L, S)
    if is_causal:
        bias = np.where(np.tri(L, S, dtype=bool), 0.0, -np.inf).astype(q.dtype)

    keep = None
    if dropout_p > 0:
        rng = generator if generator is not None else np.random.default_rng()
        keep = rng.random((*batch, L, S)) >= dropout_p  # the public (..., Hq, L, S) layout
        if groups > 1:
            keep = keep.reshape(*batch[:-1], batch[-1] // groups, groups, L, S)

    if groups > 1:
        # (..., Hq, L, E) -> (..., Hkv, G, L, E); keys/values get a broadcast G axis.
        q = q.reshape(*q.shape[:-3], q.shape[-3] // groups, groups, L, E)
        k = k.unsqueeze(-3)
        v = v.unsqueeze(-3)
    out = _SDPA.apply(q, k, v, bias, scale=scale, grouped=groups > 1, keep=keep, p=dropout_p)
    if groups > 1:
        out = out.reshape(*out.shape[:-4], -1, L, out.shape[-1])
    return out
