"""Grouped-query attention (GQA) and multi-query attention (MQA) as a layer.

Multi-head attention gives every query head its own key and value head. At decoding time
those keys and values are cached for every past token, and the cache, not the weights,
becomes the memory bottleneck of long contexts and large batches. Multi-query attention
(Shazeer, 2019) keeps one key/value head for all query heads; grouped-query attention
(Ainslie et al., 2023) keeps ``num_kv_heads`` of them, each shared by ``num_heads /
num_kv_heads`` query heads: the cache shrinks by that factor, and quality stays close to
multi-head attention (Llama 2 70B and Llama 3 use 8 KV heads).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.efficient_attention import kv_cache_bytes
from mlinterview.ml.nn.module import Module
from mlinterview.ml.nn.modules.linear import Linear
from mlinterview.ml.nn.positional import ROPE_LAYOUTS, _base, apply_rotary_emb


class GroupedQueryAttention(Module):
    """Self- or cross-attention with ``num_heads`` query heads and ``num_kv_heads`` key/value
    heads, batch first: input ``(batch, L, embed_dim)`` -> output ``(batch, L, embed_dim)``.

    ``num_kv_heads = num_heads`` is multi-head attention, ``num_kv_heads = 1`` multi-query
    attention; in between, query head ``h`` reads key/value head
    ``h // (num_heads / num_kv_heads)`` (PyTorch's ``enable_gqa`` convention).

    Parameters (the names of Llama-style checkpoints): ``q_proj`` (embed_dim -> embed_dim),
    ``k_proj`` and ``v_proj`` (embed_dim -> num_kv_heads · head_dim), ``o_proj``
    (embed_dim -> embed_dim), with ``head_dim = embed_dim / num_heads``.

    Args:
        embed_dim: model width E; num_heads: query heads (a divisor of E).
        num_kv_heads: key/value heads (a divisor of num_heads); default num_heads.
        bias: biases in the four projections.
        rope_base: if given, RoPE (:func:`~mlinterview.ml.nn.positional.apply_rotary_emb`)
            with this base rotates queries and keys after projection; ``rope_layout`` picks
            the pair layout.
    """

    def __init__(self, embed_dim: int, num_heads: int, num_kv_heads: int | None = None,
                 bias: bool = False, rope_base: float | None = None,
                 rope_layout: str = "half", dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        num_kv_heads = num_heads if num_kv_heads is None else num_kv_heads
        for name, value in (("embed_dim", embed_dim), ("num_heads", num_heads),
                            ("num_kv_heads", num_kv_heads)):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if embed_dim % num_heads:
            raise ValueError(f"embed_dim ({embed_dim}) must be divisible by num_heads "
                             f"({num_heads})")
        if num_heads % num_kv_heads:
            raise ValueError(f"num_heads ({num_heads}) must be divisible by num_kv_heads "
                             f"({num_kv_heads})")
        self.embed_dim, self.num_heads = int(embed_dim), int(num_heads)
        self.num_kv_heads = int(num_kv_heads)
        self.head_dim = self.embed_dim // self.num_heads
        self.rope_base = None if rope_base is None else _base(rope_base)
        if self.rope_base is not None and self.head_dim % 2:
            raise ValueError(f"RoPE needs an even head_dim, got {self.head_dim}")
        if rope_layout not in ROPE_LAYOUTS:
            raise ValueError(f"rope_layout must be one of {ROPE_LAYOUTS}, got {rope_layout!r}")
        self.rope_layout = rope_layout
        kv_dim = self.num_kv_heads * self.head_dim
        self.q_proj = Linear(embed_dim, embed_dim, bias, dtype=dtype, generator=generator)
        self.k_proj = Linear(embed_dim, kv_dim, bias, dtype=dtype, generator=generator)
        self.v_proj = Linear(embed_dim, kv_dim, bias, dtype=dtype, generator=generator)
        self.o_proj = Linear(embed_dim, embed_dim, bias, dtype=dtype, generator=generator)

    def _heads(self, x: Tensor, heads: int) -> Tensor:
        """(B, L, heads · head_dim) -> (B, heads, L, head_dim)."""
        b, n, _ = x.shape
        return x.reshape(b, n, heads, self.head_dim).transpose(1, 2)

    def forward(self, query: Tensor, key: Tensor | None = None, value: Tensor | None = None,
                attn_mask=None, is_causal: bool = False, positions=None,
                key_positions=None) -> Tensor:
        """Attention of ``query`` (B, L, E) over ``key``/``value`` (B, S, E) (default: the
        query itself, i.e. self-attention).

        ``attn_mask`` and ``is_causal`` as :func:`scaled_dot_product_attention` (mask
        broadcastable to (B, num_heads, L, S)). ``positions`` / ``key_positions``: RoPE
        positions of the queries and keys (default 0..L-1 and 0..S-1).
        """
        key = query if key is None else key
        value = key if value is None else value
        for name, t in (("query", query), ("key", key), ("value", value)):
            if not isinstance(t, Tensor):
                raise TypeError(f"{name}: expected a Tensor, got {type(t).__name__}")
            if t.ndim != 3 or t.shape[-1] != self.embed_dim:
                raise ValueError(f"{name}: expected shape (batch, seq_len, {self.embed_dim}), "
                                 f"got {tuple(t.shape)}")
        q = self._heads(self.q_proj(query), self.num_heads)
        k = self._heads(self.k_proj(key), self.num_kv_heads)
        v = self._heads(self.v_proj(value), self.num_kv_heads)
        if self.rope_base is not None:
            q = apply_rotary_emb(q, positions, base=self.rope_base, layout=self.rope_layout)
            k = apply_rotary_emb(k, key_positions, base=self.rope_base,
                                 layout=self.rope_layout)
        out = F.scaled_dot_product_attention(
            q, k, v, attn_mask=attn_mask, is_causal=is_causal,
            enable_gqa=self.num_kv_heads != self.num_heads)
        b, _, n, _ = out.shape
        return self.o_proj(out.transpose(1, 2).reshape(b, n, self.embed_dim))

    def kv_cache_bytes(self, seq_len: int, batch_size: int = 1,
                       bytes_per_element: float | None = None) -> float:
        """Bytes this layer's KV cache holds for ``seq_len`` tokens of ``batch_size``
        sequences: ``2 × num_kv_heads × head_dim × seq_len × batch_size × bytes``
        (bytes per element default: those of the layer's dtype)."""
        if bytes_per_element is None:
            bytes_per_element = self.k_proj.weight.dtype.itemsize
        return kv_cache_bytes(1, self.num_kv_heads, self.head_dim, seq_len, batch_size,
                              bytes_per_element)

    def extra_repr(self) -> str:
        rope = "" if self.rope_base is None else f", rope_base={self.rope_base:g}"
        return (f"embed_dim={self.embed_dim}, num_heads={self.num_heads}, "
                f"num_kv_heads={self.num_kv_heads}{rope}")
