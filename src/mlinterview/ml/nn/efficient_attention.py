"""Attention without the N × N matrix: the online softmax, FlashAttention-style tiling,
grouped-query attention and the size of a KV cache.

Naive attention computes the scores ``S = Q Kᵀ / √d`` (L × S numbers per head), their
softmax ``P`` and ``P V``: time O(L S d) and memory O(L S). The **online softmax**
(Milakov and Gimelshein, 2018) computes a softmax in one pass over blocks of a row, keeping
only a running maximum ``m`` and a running normaliser ``ℓ = Σ exp(x - m)``; when a block
raises the maximum, the old sum is rescaled by ``exp(m_old - m_new)``. **FlashAttention**
(Dao et al., 2022; FlashAttention-2, Dao 2023) applies the same trick to ``P V``: for a block
of queries it walks over blocks of keys, keeps ``m``, ``ℓ`` and an unnormalised output
accumulator, and rescales the accumulator whenever ``m`` grows. Only a block of scores
exists at any time, so the extra memory is O(block²) instead of O(L S), and the output is
*exactly* softmax attention (no approximation). The FLOPs are the same O(L S d): tiling
saves memory traffic, not arithmetic. The backward pass stores only the output and the
row log-sum-exp ``lse = m + log ℓ`` and recomputes each block of ``P = exp(S - lse)``.

Here the kernels are NumPy loops over blocks (vectorised inside a block and over the
batch and head dimensions), so they show the memory behaviour (measured with tracemalloc in
``benchmarks/bench_efficient_attention.py`` and the demo) but none of the speed of a fused
GPU kernel, whose gain comes from keeping the blocks in on-chip SRAM.

**Grouped-query attention** (Ainslie et al., 2023) lets ``G`` query heads share one key/value
head (multi-query attention, Shazeer 2019, is one shared head): the KV cache shrinks by the
factor ``num_heads / num_kv_heads``. The kernels take K and V with fewer heads
(``enable_gqa=True``, PyTorch's semantics: query head ``h`` reads KV head
``h // (Hq / Hkv)``) and never copy them ``G`` times.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Function, Tensor

__all__ = [
    "flash_attention",
    "kv_cache_bytes",
    "naive_attention",
    "online_softmax",
    "repeat_kv",
    "tiled_attention_backward",
    "tiled_attention_forward",
]


def _block(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _rescale(m_old: np.ndarray, m_new: np.ndarray) -> np.ndarray:
    """exp(m_old - m_new), the factor that moves sums taken under the old maximum to the
    new one; 0 where nothing was seen yet (m_old = -inf), and where the whole row is still
    masked (m_new = -inf) exp(-inf - -inf) would be NaN, so it is 0 there too."""
    with np.errstate(invalid="ignore"):
        factor = np.exp(m_old - m_new)
    return np.where(np.isneginf(m_new), 0.0, factor).astype(m_new.dtype, copy=False)


def _exp_shifted(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """exp(x - m) with exp(-inf - -inf) taken as 0 (a masked entry of a masked row)."""
    with np.errstate(invalid="ignore"):
        e = np.exp(x - m)
    return np.where(np.isnan(e), 0.0, e).astype(x.dtype, copy=False)


# -- online softmax -------------------------------------------------------------------------
def online_softmax(x, dim: int = -1, block_size: int = 128) -> np.ndarray:
    """Softmax along ``dim`` computed by streaming over blocks of ``block_size`` entries.

    Pass 1 keeps, for every row, the running maximum ``m`` and the running normaliser
    ``ℓ = Σ exp(x_j - m)``: a new block with maximum ``b`` and sum ``s = Σ exp(x_j - m')``,
    ``m' = max(m, b)``, updates ``ℓ ← ℓ · exp(m - m') + s``, ``m ← m'``. Pass 2 writes
    ``exp(x - m) / ℓ``. Equal to the two-pass softmax up to rounding, without ever
    overflowing, and usable when the row arrives in pieces (the key blocks of FlashAttention).

    Args:
        x: float array of any shape. A row that is all ``-inf`` gives NaN, as in PyTorch.
        dim: the axis to normalise.
        block_size: entries per block.

    Returns:
        An array of ``x``'s shape and dtype.
    """
    x = np.asarray(x)
    if x.dtype.kind != "f":
        raise TypeError(f"x: expected a floating-point array, got dtype {x.dtype}")
    if x.ndim == 0:
        raise ValueError("x: expected at least one dimension, got a scalar")
    block_size = _block(block_size, "block_size")
    xs = np.moveaxis(x, dim, -1)
    m = np.full(xs.shape[:-1], -np.inf, dtype=x.dtype)
    ell = np.zeros(xs.shape[:-1], dtype=x.dtype)
    for start in range(0, xs.shape[-1], block_size):
        blk = xs[..., start:start + block_size]
        m_new = np.maximum(m, blk.max(axis=-1))
        ell = ell * _rescale(m, m_new) + _exp_shifted(blk, m_new[..., None]).sum(axis=-1)
        m = m_new
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.exp(xs - m[..., None]) / ell[..., None]
    return np.moveaxis(out.astype(x.dtype, copy=False), -1, dim)


# -- shapes ---------------------------------------------------------------------------------
def _check_qkv(q, k, v, enable_gqa: bool):
    q, k, v = (np.asarray(a) for a in (q, k, v))
    for name, a in (("query", q), ("key", k), ("value", v)):
        if a.dtype.kind != "f":
            raise TypeError(f"{name}: expected floating-point values, got dtype {a.dtype}")
        if a.ndim < 2:
            raise ValueError(f"{name}: expected shape (..., seq_len, dim), got {a.shape}")
    if not q.dtype == k.dtype == v.dtype:
        raise TypeError(f"query, key and value must share a dtype, got {q.dtype}, {k.dtype} "
                        f"and {v.dtype}")
    if q.shape[-2] == 0 or k.shape[-2] == 0:
        raise ValueError(f"query and key need at least one position each, got shapes "
                         f"{q.shape} and {k.shape}")
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(f"query and key must have the same last dimension, got "
                         f"{q.shape} and {k.shape}")
    if k.shape[:-1] != v.shape[:-1]:
        raise ValueError(f"key and value must have the same shape except the last "
                         f"dimension, got {k.shape} and {v.shape}")
    if enable_gqa:
        if q.ndim < 3 or k.ndim < 3:
            raise ValueError(f"enable_gqa needs a heads dimension (..., heads, seq_len, dim), "
                             f"got query {q.shape} and key {k.shape}")
        hq, hkv = q.shape[-3], k.shape[-3]
        if hq % hkv:
            raise ValueError(f"enable_gqa: the query heads ({hq}) must be a multiple of the "
                             f"key/value heads ({hkv})")
        batch_q, batch_k = q.shape[:-3], k.shape[:-3]
    else:
        batch_q, batch_k = q.shape[:-2], k.shape[:-2]
    try:
        np.broadcast_shapes(batch_q, batch_k)
    except ValueError:
        raise ValueError(f"the batch dimensions of query {q.shape} and key {k.shape} do not "
                         f"broadcast") from None
    return q, k, v


def _grouped(q, k, v, enable_gqa: bool):
    """Views with a group axis: q (..., Hkv, G, L, E), k and v (..., Hkv, 1, S, ·), so one
    broadcast matrix product serves every query head of a group without copying K and V."""
    if not enable_gqa:
        return q, k, v, False
    return _split_heads(q, k.shape[-3]), k[..., None, :, :], v[..., None, :, :], True


def _split_heads(a: np.ndarray, hkv: int) -> np.ndarray:
    """(..., H, L, X) -> (..., hkv, H / hkv, L, X): query head h goes to group h // G."""
    return a.reshape(*a.shape[:-3], hkv, a.shape[-3] // hkv, *a.shape[-2:])


def _merge_heads(a: np.ndarray) -> np.ndarray:
    """(..., Hkv, G, L, X) -> (..., Hkv · G, L, X), the inverse of :func:`_split_heads`."""
    return a.reshape(*a.shape[:-4], a.shape[-4] * a.shape[-3], *a.shape[-2:])


def _scale(scale, dim: int) -> float:
    if scale is None:
        return 1.0 / math.sqrt(dim)
    if isinstance(scale, bool) or not isinstance(scale, int | float | np.floating) \
            or not math.isfinite(scale):
        raise ValueError(f"scale must be a finite number or None, got {scale!r}")
    return float(scale)


def _causal_block(i0: int, i1: int, j0: int, j1: int) -> np.ndarray:
    """True where key j is after query i (masked), for the block [i0, i1) × [j0, j1).
    PyTorch's is_causal aligns the mask top-left: query i sees keys 0..i."""
    return np.arange(j0, j1)[None, :] > np.arange(i0, i1)[:, None]


# -- naive ----------------------------------------------------------------------------------
def naive_attention(query, key, value, *, is_causal: bool = False, scale: float | None = None,
                    enable_gqa: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """softmax(Q Kᵀ · scale) V with the whole (..., L, S) score matrix in memory.

    The reference the tiled kernel is checked against, and the O(L S) memory it is
    measured against. Returns ``(out, lse)``: out (..., L, Ev), and the log-sum-exp of each
    row of scaled scores (..., L). Shapes and masks as :func:`tiled_attention_forward`.
    """
    q, k, v = _check_qkv(query, key, value, enable_gqa)
    qg, kg, vg, grouped = _grouped(q, k, v, enable_gqa)
    s = (qg @ np.swapaxes(kg, -1, -2)) * np.asarray(_scale(scale, q.shape[-1]), q.dtype)
    if is_causal:
        s = np.where(_causal_block(0, q.shape[-2], 0, k.shape[-2]), -np.inf, s)
    m = s.max(axis=-1, keepdims=True)
    p = _exp_shifted(s, m)
    ell = p.sum(axis=-1, keepdims=True)
    out = (p @ vg) / ell
    lse = m[..., 0] + np.log(ell[..., 0])
    if grouped:
        out, lse = _merge_heads(out), _merge_heads(lse[..., None])[..., 0]
    return out.astype(q.dtype, copy=False), lse.astype(q.dtype, copy=False)


# -- tiled forward and backward ---------------------------------------------------------------
def tiled_attention_forward(query, key, value, *, is_causal: bool = False,
                            scale: float | None = None, enable_gqa: bool = False,
                            block_size_q: int = 64, block_size_k: int = 64
                            ) -> tuple[np.ndarray, np.ndarray]:
    """FlashAttention-2's forward pass: exact softmax attention, one block of scores at a time.

    For each block of ``block_size_q`` queries, walk over the blocks of ``block_size_k``
    keys keeping per query row the running max ``m``, the normaliser ``ℓ`` and the
    unnormalised output ``acc``::

        s     = q_blk k_blkᵀ · scale              (masked entries -inf)
        m'    = max(m, rowmax(s));  α = exp(m - m')
        p     = exp(s - m')
        ℓ     = α ℓ + rowsum(p);    acc = α acc + p v_blk;   m = m'

    and finally ``out = acc / ℓ``, ``lse = m + log ℓ``. With ``is_causal`` the key blocks
    entirely after the query block are skipped (about half of the work).

    Args:
        query: (..., L, E); key: (..., S, E); value: (..., S, Ev). With ``enable_gqa`` the
            heads are dimension -3 and key/value may have fewer heads than query (a divisor).
        is_causal: query i sees keys 0..i (PyTorch's top-left alignment when L != S).
        scale: score scale, default 1/√E.
        block_size_q, block_size_k: tile sizes.

    Returns:
        ``(out, lse)``: out (..., L, Ev) and lse (..., L), the log of each row's softmax
        normaliser (what the backward pass needs). Memory beyond the inputs and outputs:
        O(block_size_q · block_size_k) per batch·head, never (L, S).
    """
    q, k, v = _check_qkv(query, key, value, enable_gqa)
    bq, bk = _block(block_size_q, "block_size_q"), _block(block_size_k, "block_size_k")
    qg, kg, vg, grouped = _grouped(q, k, v, enable_gqa)
    sc = np.asarray(_scale(scale, q.shape[-1]), dtype=q.dtype)
    L, S = q.shape[-2], k.shape[-2]
    lead = np.broadcast_shapes(qg.shape[:-2], kg.shape[:-2])
    out = np.empty((*lead, L, v.shape[-1]), dtype=q.dtype)
    lse = np.empty((*lead, L), dtype=q.dtype)
    kt = np.swapaxes(kg, -1, -2)
    for i0 in range(0, L, bq):
        i1 = min(i0 + bq, L)
        q_blk = qg[..., i0:i1, :]
        m = np.full((*lead, i1 - i0), -np.inf, dtype=q.dtype)
        ell = np.zeros((*lead, i1 - i0), dtype=q.dtype)
        acc = np.zeros((*lead, i1 - i0, v.shape[-1]), dtype=q.dtype)
        # Causal: key blocks starting after the last query of this block are all masked.
        stop = min(S, i1) if is_causal else S
        for j0 in range(0, stop, bk):
            j1 = min(j0 + bk, S)
            s = (q_blk @ kt[..., j0:j1]) * sc
            if is_causal and j1 - 1 > i0:             # the block crosses the diagonal
                s = np.where(_causal_block(i0, i1, j0, j1), -np.inf, s)
            m_new = np.maximum(m, s.max(axis=-1))
            alpha = _rescale(m, m_new)
            p = _exp_shifted(s, m_new[..., None])
            ell = alpha * ell + p.sum(axis=-1)
            acc = alpha[..., None] * acc + p @ vg[..., j0:j1, :]
            m = m_new
        out[..., i0:i1, :] = acc / ell[..., None]   # every query sees key 0: ℓ > 0
        lse[..., i0:i1] = m + np.log(ell)
    if grouped:
        out, lse = _merge_heads(out), _merge_heads(lse[..., None])[..., 0]
    return out, lse


def tiled_attention_backward(grad_out, query, key, value, out, lse, *,
                             is_causal: bool = False, scale: float | None = None,
                             enable_gqa: bool = False, block_size_q: int = 64,
                             block_size_k: int = 64
                             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """FlashAttention-2's backward pass from the saved ``out`` and ``lse`` (no L × S matrix).

    With ``D_i = Σ_e dO_ie O_ie`` (= Σ_j P_ij dP_ij), for each block of keys and each block of
    queries it recomputes ``P = exp(s - lse)`` and accumulates::

        dV_j += Pᵀ dO_i;   dP = dO_i V_jᵀ;   dS = P ⊙ (dP - D_i)
        dQ_i += dS K_j · scale;   dK_j += dSᵀ Q_i · scale

    ``dS = P ⊙ (dP - D)`` is the softmax's Jacobian applied row by row. With ``enable_gqa``
    the gradients of a shared key/value head are summed over its query heads.

    Returns:
        ``(dq, dk, dv)`` with the shapes of query, key and value.
    """
    q, k, v = _check_qkv(query, key, value, enable_gqa)
    bq, bk = _block(block_size_q, "block_size_q"), _block(block_size_k, "block_size_k")
    qg, kg, vg, grouped = _grouped(q, k, v, enable_gqa)
    do = np.asarray(grad_out, dtype=q.dtype)
    o = np.asarray(out, dtype=q.dtype)
    lse = np.asarray(lse, dtype=q.dtype)
    if grouped:
        hkv = k.shape[-3]
        do, o = _split_heads(do, hkv), _split_heads(o, hkv)
        lse = _split_heads(lse[..., None], hkv)[..., 0]
    sc = np.asarray(_scale(scale, q.shape[-1]), dtype=q.dtype)
    L, S = q.shape[-2], k.shape[-2]
    lead = np.broadcast_shapes(qg.shape[:-2], kg.shape[:-2])
    d = (do * o).sum(axis=-1)                           # D_i = dO_i · O_i, (..., L)
    dq = np.zeros((*lead, L, q.shape[-1]), dtype=q.dtype)
    dk = np.zeros((*lead, S, k.shape[-1]), dtype=q.dtype)
    dv = np.zeros((*lead, S, v.shape[-1]), dtype=q.dtype)
    for j0 in range(0, S, bk):
        j1 = min(j0 + bk, S)
        k_blk, v_blk = kg[..., j0:j1, :], vg[..., j0:j1, :]
        # Causal: only query blocks whose last query reaches key j0 see this key block.
        first = (j0 // bq) * bq if is_causal else 0
        for i0 in range(first, L, bq):
            i1 = min(i0 + bq, L)
            q_blk, do_blk = qg[..., i0:i1, :], do[..., i0:i1, :]
            s = (q_blk @ np.swapaxes(k_blk, -1, -2)) * sc
            if is_causal and j1 - 1 > i0:
                s = np.where(_causal_block(i0, i1, j0, j1), -np.inf, s)
            p = np.exp(s - lse[..., i0:i1, None])   # P recomputed
            dv[..., j0:j1, :] += np.swapaxes(p, -1, -2) @ do_blk
            dp = do_blk @ np.swapaxes(v_blk, -1, -2)
            ds = p * (dp - d[..., i0:i1, None]) * sc
            dq[..., i0:i1, :] += ds @ k_blk
            dk[..., j0:j1, :] += np.swapaxes(ds, -1, -2) @ q_blk
    if grouped:
        dq = _merge_heads(dq)
        dk, dv = dk.sum(axis=-3), dv.sum(axis=-3)       # sum over the G heads of a group
    # Broadcast batch dimensions: sum the gradients back to each input's own shape.
    return _sum_to(dq, q.shape), _sum_to(dk, k.shape), _sum_to(dv, v.shape)


def _sum_to(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    g = g.sum(axis=tuple(range(extra))) if extra else g
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=stretched, keepdims=True) if stretched else g


# -- autograd -------------------------------------------------------------------------------
class _FlashAttention(Function):
    """Tiled forward; the backward recomputes the blocks from (out, lse)."""

    def forward(self, q, k, v, is_causal, scale, enable_gqa, block_size_q, block_size_k):
        self.opts = dict(is_causal=is_causal, scale=scale, enable_gqa=enable_gqa,
                         block_size_q=block_size_q, block_size_k=block_size_k)
        out, lse = tiled_attention_forward(q, k, v, **self.opts)
        self.q, self.k, self.v, self.out, self.lse = q, k, v, out, lse
        return out

    def backward(self, g):
        return tiled_attention_backward(g, self.q, self.k, self.v, self.out, self.lse,
                                        **self.opts)


def flash_attention(query: Tensor, key: Tensor, value: Tensor, is_causal: bool = False,
                    scale: float | None = None, enable_gqa: bool = False, *,
                    block_size_q: int = 64, block_size_k: int = 64) -> Tensor:
    """Scaled dot-product attention computed by tiles, differentiable (our autograd).

    The same result as ``scaled_dot_product_attention(query, key, value,
    is_causal=is_causal, scale=scale, enable_gqa=enable_gqa)`` (no mask, no dropout),
    with O(block²) extra memory in the forward and the backward pass.

    Args:
        query: Tensor (..., Hq, L, E); key: (..., Hkv, S, E); value: (..., Hkv, S, Ev)
            (Hkv = Hq unless ``enable_gqa``). float32 or float64, one dtype.
        is_causal, scale, enable_gqa, block_size_q, block_size_k: see
            :func:`tiled_attention_forward`.

    Returns:
        Tensor (..., Hq, L, Ev).
    """
    for name, t in (("query", query), ("key", key), ("value", value)):
        if not isinstance(t, Tensor):
            raise TypeError(f"{name}: expected a Tensor, got {type(t).__name__}")
    return _FlashAttention.apply(query, key, value, is_causal=bool(is_causal), scale=scale,
                                 enable_gqa=bool(enable_gqa), block_size_q=block_size_q,
                                 block_size_k=block_size_k)


def repeat_kv(x: Tensor, n_rep: int) -> Tensor:
    """Repeat each key/value head ``n_rep`` times along dim -3: (..., Hkv, S, D) ->
    (..., Hkv · n_rep, S, D), head ``h`` of the result being head ``h // n_rep`` of ``x``.

    What a GQA layer without a grouped kernel does before ordinary attention (Hugging
    Face's ``repeat_kv``; ``torch.repeat_interleave(x, n_rep, dim=-3)``). It copies the
    cache ``n_rep`` times in memory at every step, which the grouped kernels avoid.
    """
    if not isinstance(x, Tensor):
        raise TypeError(f"x: expected a Tensor, got {type(x).__name__}")
    n_rep = _block(n_rep, "n_rep")
    if x.ndim < 3:
        raise ValueError(f"x: expected shape (..., heads, seq_len, dim), got {tuple(x.shape)}")
    if n_rep == 1:
        return x
    *lead, h, s, d = x.shape
    expanded = x.unsqueeze(-3).expand(*lead, h, n_rep, s, d)
    return expanded.reshape(*lead, h * n_rep, s, d)


# -- KV cache -------------------------------------------------------------------------------
def kv_cache_bytes(num_layers: int, num_kv_heads: int, head_dim: int, seq_len: int,
                   batch_size: int = 1, bytes_per_element: float = 2) -> float:
    """Memory of a KV cache: ``num_layers × 2 × num_kv_heads × head_dim × seq_len ×
    batch_size × bytes_per_element`` bytes.

    The 2 is one key and one value vector per layer, KV head and token. A transformer
    decoding with a cache stores them for every token it has seen, so the cache grows
    linearly with the context and the batch; grouped-query attention divides it by
    ``num_heads / num_kv_heads``. ``bytes_per_element``: 4 float32, 2 float16/bfloat16,
    1 int8/FP8, 0.5 for 4-bit.

    Example: Llama 2 7B (32 layers, 32 KV heads of 128) at 4096 tokens in float16:
    ``kv_cache_bytes(32, 32, 128, 4096)`` = 2 GiB per sequence.

    Returns an int when every factor is an integer, else a float.
    """
    for name, value in (("num_layers", num_layers), ("num_kv_heads", num_kv_heads),
                        ("head_dim", head_dim), ("seq_len", seq_len),
                        ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if isinstance(bytes_per_element, bool) or not isinstance(
            bytes_per_element, int | float | np.integer | np.floating) \
            or not math.isfinite(bytes_per_element) or bytes_per_element <= 0:
        raise ValueError(f"bytes_per_element must be a positive number, got "
                         f"{bytes_per_element!r}")
    elements = int(num_layers) * 2 * int(num_kv_heads) * int(head_dim) * int(seq_len) \
        * int(batch_size)
    total = elements * bytes_per_element
    return int(total) if float(total).is_integer() else float(total)
