"""Positional information for attention: sinusoidal, rotary (RoPE) and ALiBi, as functions.

Attention by itself is permutation-equivariant: shuffling the tokens shuffles the outputs
the same way, so a transformer needs to be told where each token is. Four answers, in the
order they appeared:

- **Sinusoidal** (Vaswani et al., 2017): add a fixed vector to each token embedding,
  ``PE[p, 2i] = sin(p ω_i)``, ``PE[p, 2i+1] = cos(p ω_i)`` with ``ω_i = base^(-2i/d)``.
  Absolute; defined for any position, but a model has only seen the positions it trained on.
- **Learned** absolute embeddings (BERT, GPT-2): a table of ``max_positions`` trainable rows
  (:class:`~mlinterview.ml.nn.LearnedPositionalEmbedding`); nothing exists past the table.
- **RoPE** (Su et al., 2021): rotate each pair of coordinates of the query and the key by the
  angle ``p ω_i`` (:func:`apply_rotary_emb`). Since ``(R_m q)·(R_n k) = q·R_(n-m) k``, the
  score depends on the positions only through the offset ``n - m``. Nothing is added to the
  embeddings, and the values are not rotated.
- **ALiBi** (Press et al., 2022): no vector at all; a bias ``-slope_h |i - j|`` is added to the
  attention scores of head ``h`` (:func:`alibi_bias`), with geometric slopes per head
  (:func:`alibi_slopes`).

Tables are computed in float64 and cast at the end: in float32, ``p ω`` for a position in
the thousands already has an absolute rounding error near 1e-4 radians.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Function, Tensor

__all__ = [
    "ROPE_LAYOUTS",
    "alibi_bias",
    "alibi_slopes",
    "apply_rotary_emb",
    "rope_angles",
    "rope_frequencies",
    "sinusoidal_positional_encoding",
]

# How the head dimension is split into the pairs that RoPE rotates.
#   "half":        (x[i], x[i + d/2]), the rotate-half layout of GPT-NeoX and Hugging Face's
#                  Llama code; cos/sin are the d/2 angles repeated as [θ, θ].
#   "interleaved": (x[2i], x[2i + 1]), the layout of the RoPE paper, GPT-J and Meta's original
#                  Llama code (a complex number per pair).
# Both give the same relative-position property; a checkpoint trained with one layout gives
# wrong scores with the other.
ROPE_LAYOUTS = ("half", "interleaved")


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _even_dim(value, name: str) -> int:
    value = _positive_int(value, name)
    if value % 2:
        raise ValueError(f"{name} must be even (coordinates are used in sin/cos pairs), "
                         f"got {value}")
    return value


def _base(base) -> float:
    if isinstance(base, bool) or not isinstance(base, int | float | np.floating | np.integer) \
            or not math.isfinite(base) or base <= 1:
        raise ValueError(f"base must be a finite number > 1, got {base!r}")
    return float(base)


def _float_dtype(dtype) -> np.dtype:
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise TypeError(f"dtype must be a floating-point type, got {dtype}")
    return dtype


# -- sinusoidal -----------------------------------------------------------------------------
def sinusoidal_positional_encoding(num_positions: int, embedding_dim: int, *,
                                   base: float = 10000.0, offset: int = 0,
                                   dtype=np.float32) -> Tensor:
    """The fixed table of Vaswani et al. (2017), shape ``(num_positions, embedding_dim)``.

    Row ``p`` (position ``offset + p``) holds ``sin(p ω_i)`` at column ``2i`` and
    ``cos(p ω_i)`` at column ``2i + 1``, with ``ω_i = base^(-2i / embedding_dim)``: the
    wavelengths grow geometrically from 2π (column 0) to nearly ``2π · base``. For a fixed
    offset ``k``, ``PE[p + k]`` is a rotation of ``PE[p]`` (the same rotation for every
    ``p``), which is why the authors hoped the model could attend by relative position.

    Example: ``sinusoidal_positional_encoding(2, 4)[1]`` is
    ``[sin 1, cos 1, sin 0.01, cos 0.01]`` (ω = 1 and 10000^(-1/2) = 0.01).
    """
    num_positions = _positive_int(num_positions, "num_positions")
    embedding_dim = _even_dim(embedding_dim, "embedding_dim")
    if isinstance(offset, bool) or not isinstance(offset, int | np.integer) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, got {offset!r}")
    omega = rope_frequencies(embedding_dim, base)               # (d/2,) in float64
    angles = (offset + np.arange(num_positions))[:, None] * omega[None, :]
    table = np.empty((num_positions, embedding_dim))
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles)
    return Tensor(table.astype(_float_dtype(dtype)))


# -- rotary ---------------------------------------------------------------------------------
def rope_frequencies(head_dim: int, base: float = 10000.0) -> np.ndarray:
    """The ``head_dim / 2`` rotation speeds ``ω_i = base^(-2i / head_dim)`` (float64).

    Pair ``i`` turns by ``ω_i`` radians per position: pair 0 by one radian, the last pair
    by almost ``1 / base`` (wavelength ``2π base^(2i/d)``).
    """
    head_dim = _even_dim(head_dim, "head_dim")
    return _base(base) ** (-np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)


def rope_angles(positions, head_dim: int, base: float = 10000.0) -> np.ndarray:
    """Angles ``p ω_i`` for every position: shape ``(*positions.shape, head_dim / 2)``."""
    pos = np.asarray(positions)
    if pos.dtype.kind not in "iuf":
        raise TypeError(f"positions must be integers or floats, got dtype {pos.dtype}")
    return pos.astype(np.float64)[..., None] * rope_frequencies(head_dim, base)


def _rotate(x: np.ndarray, layout: str) -> np.ndarray:
    """J x, where J turns every pair by +90°: (a, b) -> (-b, a). Jᵀ = -J."""
    out = np.empty_like(x)
    if layout == "half":
        h = x.shape[-1] // 2
        out[..., :h] = -x[..., h:]
        out[..., h:] = x[..., :h]
    else:
        out[..., 0::2] = -x[..., 1::2]
        out[..., 1::2] = x[..., 0::2]
    return out


class _Rotary(Function):
    """y = x ⊙ cos + (J x) ⊙ sin: each pair rotated by its angle.

    A rotation is orthogonal, so the backward pass rotates the gradient back by the same
    angle: dL/dx = g ⊙ cos + Jᵀ(g ⊙ sin) = g ⊙ cos - J(g ⊙ sin).
    """

    def forward(self, x, cos, sin, layout):
        self.cos, self.sin, self.layout = cos, sin, layout
        return (x * cos + _rotate(x, layout) * sin).astype(x.dtype, copy=False)

    def backward(self, g):
        return (g * self.cos - _rotate(g * self.sin, self.layout),)


def apply_rotary_emb(x: Tensor, positions=None, *, base: float = 10000.0,
                     layout: str = "half") -> Tensor:
    """Rotary position embedding (RoPE): rotate each coordinate pair of ``x`` by ``p ω_i``.

    Apply it to the queries and the keys (after their projections, before the dot product),
    never to the values or the token embeddings. Then
    ``apply(q, m) · apply(k, n) = q · apply(k, n - m)``: the score sees only the offset.

    Args:
        x: Tensor of shape ``(..., seq_len, head_dim)``, e.g. ``(batch, heads, seq_len,
            head_dim)`` as :func:`scaled_dot_product_attention` takes; ``head_dim`` even.
        positions: position of each row: ``None`` for ``0 .. seq_len - 1``; an integer or
            float array broadcastable to ``x.shape[:-1]`` otherwise (an offset for a KV
            cache, ``arange(L) / s`` for position interpolation).
        base: the base of the frequencies (10000 in the paper; 500000 in Llama 3).
        layout: ``"half"`` (rotate-half: pairs ``(i, i + d/2)``) or ``"interleaved"``
            (pairs ``(2i, 2i + 1)``); see :data:`ROPE_LAYOUTS`.

    Returns:
        A Tensor of ``x``'s shape and dtype, differentiable with respect to ``x``.
    """
    if not isinstance(x, Tensor):
        raise TypeError(f"x: expected a Tensor, got {type(x).__name__}")
    if x.dtype.kind != "f":
        raise TypeError(f"x: expected a floating-point Tensor, got dtype {x.dtype}")
    if x.ndim < 2:
        raise ValueError(f"x: expected shape (..., seq_len, head_dim), got {tuple(x.shape)}")
    if layout not in ROPE_LAYOUTS:
        raise ValueError(f"layout must be one of {ROPE_LAYOUTS}, got {layout!r}")
    head_dim = _even_dim(x.shape[-1], "x.shape[-1] (head_dim)")
    pos = np.arange(x.shape[-2]) if positions is None else np.asarray(
        positions.data if isinstance(positions, Tensor) else positions)
    try:
        np.broadcast_shapes(pos.shape, x.shape[:-1])
    except ValueError:
        raise ValueError(f"positions of shape {pos.shape} do not broadcast to x.shape[:-1] = "
                         f"{tuple(x.shape[:-1])}") from None
    angles = rope_angles(pos, head_dim, base)
    if layout == "half":
        angles = np.concatenate([angles, angles], axis=-1)
    else:
        angles = np.repeat(angles, 2, axis=-1)
    cos, sin = np.cos(angles).astype(x.dtype), np.sin(angles).astype(x.dtype)
    return _Rotary.apply(x, cos, sin, layout)


# -- ALiBi ----------------------------------------------------------------------------------
def _geometric_slopes(n: int) -> np.ndarray:
    # 2^(-8/n), 2^(-16/n), ..., 2^(-8): a geometric sequence from 2^(-8/n) down to 1/256.
    return 2.0 ** (-8.0 * np.arange(1, n + 1) / n)


def alibi_slopes(num_heads: int) -> np.ndarray:
    """The ALiBi slope of each head, shape ``(num_heads,)`` (float64), as in Press et al.

    For a power of two ``n``: ``2^(-8/n), 2^(-16/n), ..., 2^(-8)`` (8 heads: 1/2, 1/4, ...,
    1/256). Otherwise the paper takes the ``m`` slopes of the largest power of two
    ``m < n`` and fills the remaining ``n - m`` heads with every other slope of ``2m``
    heads (the ones that fall between): 6 heads give 1/4, 1/16, 1/64, 1/256, 1/2, 1/8.
    Simply using ``2^(-8i/n)`` for 6 heads would give other slopes.
    """
    n = _positive_int(num_heads, "num_heads")
    m = 1 << (n.bit_length() - 1)                     # largest power of two <= n
    if m == n:
        return _geometric_slopes(n)
    return np.concatenate([_geometric_slopes(m), _geometric_slopes(2 * m)[0::2][: n - m]])


def alibi_bias(num_heads: int, query_len: int, key_len: int | None = None, *,
               causal: bool = False, dtype=np.float32) -> Tensor:
    """ALiBi's additive attention bias, shape ``(num_heads, query_len, key_len)``.

    ``bias[h, i, j] = -slope_h · |i' - j|`` where ``i' = i + key_len - query_len`` is the
    query's position when the queries are the last ``query_len`` of ``key_len`` positions
    (a decoding step with a KV cache: one query at the end). With ``causal=True`` the keys
    after the query get ``-inf``. Pass it as ``attn_mask`` to
    :func:`scaled_dot_product_attention` (it broadcasts over the batch). The paper adds
    ``slope · (j - i)`` only over the visible keys j <= i, which is the same thing.
    """
    query_len = _positive_int(query_len, "query_len")
    key_len = query_len if key_len is None else _positive_int(key_len, "key_len")
    if key_len < query_len:
        raise ValueError(f"key_len ({key_len}) must be >= query_len ({query_len}): the "
                         f"queries are the last query_len positions")
    q_pos = np.arange(query_len) + (key_len - query_len)
    distance = q_pos[:, None] - np.arange(key_len)[None, :]      # i' - j, (L, S)
    bias = -alibi_slopes(num_heads)[:, None, None] * np.abs(distance)[None] + 0.0  # no -0.0
    if causal:
        bias = np.where(distance[None] < 0, -np.inf, bias)
    return Tensor(bias.astype(_float_dtype(dtype)))
