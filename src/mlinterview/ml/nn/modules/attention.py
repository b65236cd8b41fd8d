"""Multi-head attention with PyTorch's parameters, masks and layouts.

``MultiheadAttention(embed_dim, num_heads)`` projects queries, keys and values with one
stacked weight ``in_proj_weight`` (3E, E), splits E into ``num_heads`` heads of size
E / num_heads, runs scaled dot-product attention in every head at once, concatenates the
heads and projects with ``out_proj``. Several small heads cost the same as one big one
(the same E² parameters per projection) but can attend to different positions at once.

The parameter names are PyTorch's (``in_proj_weight``, ``in_proj_bias``,
``out_proj.weight``, ``out_proj.bias``; ``q_proj_weight``/``k_proj_weight``/
``v_proj_weight`` when ``kdim``/``vdim`` differ from ``embed_dim``; ``bias_k``/``bias_v``
with ``add_bias_kv``), so a PyTorch state dict loads with ``load_state_dict``.

Beware the mask conventions, which are PyTorch's and differ from
``F.scaled_dot_product_attention``: here a **bool** ``attn_mask`` or ``key_padding_mask``
marks the positions that are **not** allowed (True = masked out), while a float mask is
added to the scores in both.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Tensor, cat
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn import init
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn.module import Module, Parameter
from mlinterview.ml.nn.modules.linear import Linear


def _float_mask(mask, dtype, name: str):
    """A mask in the additive form: bool True (masked out) -> -inf, False -> 0; a float
    mask as it is (a Tensor keeps its graph)."""
    arr = mask.data if isinstance(mask, Tensor) else np.asarray(mask)
    if arr.dtype == np.bool_:
        return Tensor(np.where(arr, -np.inf, 0.0).astype(dtype))
    if arr.dtype.kind != "f":
        raise TypeError(f"{name}: expected a bool mask (True = masked out) or a float mask "
                        f"(added to the scores), got dtype {arr.dtype}")
    if isinstance(mask, Tensor):
        return mask if mask.dtype == dtype else mask.to(dtype)
    return Tensor(arr.astype(dtype))


class MultiheadAttention(Module):
    """Multi-head attention (Vaswani et al., 2017), PyTorch's ``nn.MultiheadAttention``.

    head_i = softmax(Q W_qᵢ (K W_kᵢ)ᵀ / √d + mask) V W_vᵢ, d = embed_dim / num_heads;
    output = concat(head_1, ..., head_h) W_oᵀ + b_o.

    Args:
        embed_dim: E, the model width (the size of queries and of the output).
        num_heads: h; E must be divisible by h.
        dropout: dropout probability on the attention weights (training mode only).
        bias: biases in the input and output projections.
        add_bias_kv: append a learned key and value (``bias_k``, ``bias_v``) to the
            sequence, so every query has somewhere to attend.
        add_zero_attn: append a zero key and value after the projections.
        kdim, vdim: feature sizes of key and value (default E); when they differ from E
            the projections are three weights ``q_proj_weight`` (E, E),
            ``k_proj_weight`` (E, kdim), ``v_proj_weight`` (E, vdim).
        batch_first: inputs and outputs are (N, L, E) instead of (L, N, E).
        dtype: of the parameters. generator: NumPy generator for the initialisation and
            dropout (an addition to PyTorch's signature).

    Initialisation as PyTorch: Xavier-uniform projections, zero biases, ``out_proj``
    weight as ``nn.Linear`` (U(-1/√E, 1/√E)), ``bias_k``/``bias_v`` Xavier-normal.
    """

    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0,
                 bias: bool = True, add_bias_kv: bool = False, add_zero_attn: bool = False,
                 kdim: int | None = None, vdim: int | None = None, batch_first: bool = False,
                 dtype=np.float32, generator: np.random.Generator | None = None):
        super().__init__()
        for name, value in (("embed_dim", embed_dim), ("num_heads", num_heads)):
            if not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if embed_dim % num_heads:
            raise ValueError(f"embed_dim must be divisible by num_heads, got embed_dim "
                             f"{embed_dim} and num_heads {num_heads}")
        if not 0 <= dropout < 1:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        self.embed_dim, self.num_heads = int(embed_dim), int(num_heads)
        self.head_dim = self.embed_dim // self.num_heads
        self.kdim = self.embed_dim if kdim is None else int(kdim)
        self.vdim = self.embed_dim if vdim is None else int(vdim)
        self._qkv_same_embed_dim = self.kdim == self.embed_dim and self.vdim == self.embed_dim
        self.dropout, self.batch_first = dropout, batch_first
        self.add_zero_attn = add_zero_attn
        self.generator = generator
        E = self.embed_dim
        if self._qkv_same_embed_dim:
            self.in_proj_weight = Parameter(np.empty((3 * E, E), dtype=dtype))
            for name in ("q_proj_weight", "k_proj_weight", "v_proj_weight"):
                self.register_parameter(name, None)
        else:
            self.q_proj_weight = Parameter(np.empty((E, E), dtype=dtype))
            self.k_proj_weight = Parameter(np.empty((E, self.kdim), dtype=dtype))
            self.v_proj_weight = Parameter(np.empty((E, self.vdim), dtype=dtype))
            self.register_parameter("in_proj_weight", None)
        if bias:
            self.in_proj_bias = Parameter(np.zeros(3 * E, dtype=dtype))
        else:
            self.register_parameter("in_proj_bias", None)
        self.out_proj = Linear(E, E, bias=bias, dtype=dtype, generator=generator)
        if add_bias_kv:
            self.bias_k = Parameter(np.empty((1, 1, E), dtype=dtype))
            self.bias_v = Parameter(np.empty((1, 1, E), dtype=dtype))
        else:
            self.bias_k = self.bias_v = None
        self._reset_parameters(generator)

    def _reset_parameters(self, generator=None) -> None:
        if self._qkv_same_embed_dim:
            init.xavier_uniform_(self.in_proj_weight, generator=generator)
        else:
            for w in (self.q_proj_weight, self.k_proj_weight, self.v_proj_weight):
                init.xavier_uniform_(w, generator=generator)
        if self.in_proj_bias is not None:
            init.zeros_(self.in_proj_bias)
            init.zeros_(self.out_proj.bias)
        if self.bias_k is not None:
            init.xavier_normal_(self.bias_k, generator=generator)
            init.xavier_normal_(self.bias_v, generator=generator)

    # -- the pieces of forward -----------------------------------------------------------
    def _project(self, q, k, v):
        """(N, L, E), (N, S, kdim), (N, S, vdim) -> projected (N, L, E), (N, S, E) twice."""
        E = self.embed_dim
        b = self.in_proj_bias
        bq, bk, bv = (None,) * 3 if b is None else (b[:E], b[E:2 * E], b[2 * E:])
        if self._qkv_same_embed_dim:
            w = self.in_proj_weight
            if q is k and k is v:  # self-attention: one matrix product for all three
                qkv = F.linear(q, w, b)
                return qkv[..., :E], qkv[..., E:2 * E], qkv[..., 2 * E:]
            wq, wk, wv = w[:E], w[E:2 * E], w[2 * E:]
        else:
            wq, wk, wv = self.q_proj_weight, self.k_proj_weight, self.v_proj_weight
        return F.linear(q, wq, bq), F.linear(k, wk, bk), F.linear(v, wv, bv)

    def _bias(self, attn_mask, key_padding_mask, N: int, L: int, S: int, dtype):
        """attn_mask and key_padding_mask merged into one additive (N, h, L, S)-broadcastable
        Tensor, or None."""
        h = self.num_heads
        bias = None
        if attn_mask is not None:
            m = _float_mask(attn_mask, dtype, "attn_mask")
            if m.shape == (L, S):
                pass
            elif m.shape == (N * h, L, S):
                m = m.reshape(N, h, L, S)
            else:
                raise ValueError(f"attn_mask: expected shape ({L}, {S}) or (N·num_heads, L, "
                                 f"S) = ({N * h}, {L}, {S}), got {tuple(m.shape)}")
            bias = m
        if key_padding_mask is not None:
            m = _float_mask(key_padding_mask, dtype, "key_padding_mask")
            if m.shape != (N, S):
                raise ValueError(f"key_padding_mask: expected shape (N, S) = ({N}, {S}), "
                                 f"got {tuple(m.shape)}")
            m = m.reshape(N, 1, 1, S)
            bias = m if bias is None else bias + m
        return bias

    def forward(self, query, key, value, key_padding_mask=None, need_weights: bool = True,
                attn_mask=None, average_attn_weights: bool = True, is_causal: bool = False):
        """Attend from ``query`` to ``key``/``value``.

        Args:
            query: (L, N, E), or (N, L, E) with ``batch_first``, or unbatched (L, E).
            key: (S, N, kdim) / (N, S, kdim) / (S, kdim). value: the same with vdim.
            key_padding_mask: (N, S) (or (S,) unbatched); bool True = a padding key to
                ignore, or float added to the scores.
            need_weights: also return the attention weights.
            attn_mask: (L, S) or (N·num_heads, L, S); bool True = not allowed, or float
                added to the scores.
            average_attn_weights: average the returned weights over the heads.
            is_causal: a hint that ``attn_mask`` is the causal mask (PyTorch's meaning);
                ``attn_mask`` must still be given.

        Returns:
            (attn_output, attn_weights): output shaped like ``query`` with E features;
            weights (N, L, S) averaged or (N, num_heads, L, S) (without N when unbatched),
            or None when ``need_weights`` is False.
        """
        if is_causal and attn_mask is None:
            raise ValueError("attn_mask: is_causal is only a hint that attn_mask is the "
                             "causal mask, as in PyTorch; pass the mask itself too (e.g. "
                             "generate_square_subsequent_mask(L))")
        for name, t in (("query", query), ("key", key), ("value", value)):
            if not isinstance(t, Tensor):
                raise TypeError(f"{name}: expected a Tensor, got {type(t).__name__}")
        if query.ndim not in (2, 3) or key.ndim != query.ndim or value.ndim != query.ndim:
            raise ValueError(f"query, key and value: expected all 3-D (batched) or all 2-D "
                             f"(unbatched), got shapes {tuple(query.shape)}, "
                             f"{tuple(key.shape)} and {tuple(value.shape)}")
        for name, t in (("query", query), ("key", key), ("value", value)):
            check_input_dtype("MultiheadAttention", t, {"out_proj.weight": self.out_proj.weight},
                              input_name=name)
        batched = query.ndim == 3
        same = (query is key, key is value)
        if batched and not self.batch_first:  # (L, N, E) -> (N, L, E)
            query, key, value = (t.transpose(0, 1) for t in (query, key, value))
        elif not batched:
            query, key, value = (t.unsqueeze(0) for t in (query, key, value))
            if key_padding_mask is not None:  # (S,) -> (1, S); an (h, L, S) attn_mask is
                key_padding_mask = _unsqueeze(key_padding_mask)  # already (N·h, L, S)
        if same == (True, True):
            key = value = query  # keep the identity lost by transposing: one projection
        elif same[0]:
            key = query
        N, L, E = query.shape
        S = key.shape[1]
        for name, t, d in (("query", query, self.embed_dim), ("key", key, self.kdim),
                           ("value", value, self.vdim)):
            if t.shape[-1] != d or t.shape[0] != N:
                raise ValueError(f"{name}: expected {d} features and batch size {N}, got "
                                 f"shape {tuple(t.shape)} (after moving the batch first)")
        if value.shape[1] != S:
            raise ValueError(f"value: expected the length of key ({S}), got "
                             f"{value.shape[1]}")

        q, k, v = self._project(query, key, value)
        bias = self._bias(attn_mask, key_padding_mask, N, L, S, q.dtype)
        if self.bias_k is not None:  # one learned key/value more, visible to every query
            k = cat([k, self.bias_k.expand(N, 1, E)], dim=1)
            v = cat([v, self.bias_v.expand(N, 1, E)], dim=1)
            bias = _pad_last(bias)
        h, d = self.num_heads, self.head_dim
        # (N, L, E) -> (N, h, L, d): head i holds features i·d .. (i+1)·d - 1.
        q, k, v = (t.reshape(N, t.shape[1], h, d).permute(0, 2, 1, 3) for t in (q, k, v))
        if self.add_zero_attn:
            zeros = Tensor(np.zeros((N, h, 1, d), dtype=q.dtype))
            k, v = cat([k, zeros], dim=2), cat([v, zeros], dim=2)
            bias = _pad_last(bias)
        p = self.dropout if self.training else 0.0
        if need_weights:
            # PyTorch's explicit path: the weights are an output, so they stay in the graph.
            scores = (q * (1.0 / math.sqrt(d))) @ k.transpose(-1, -2)
            if bias is not None:
                scores = scores + bias
            weights = F.softmax(scores, dim=-1)
            if p > 0:
                weights = F.dropout(weights, p, True, self.generator)
            out = weights @ v
        else:
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=bias, dropout_p=p,
                                                 generator=self.generator)
            weights = None
        out = self.out_proj(out.permute(0, 2, 1, 3).reshape(N, L, E))
        if batched and not self.batch_first:
            out = out.transpose(0, 1)
        elif not batched:
            out = out.squeeze(0)
        if weights is not None:
            if average_attn_weights:
                weights = weights.mean(dim=1)
            if not batched:
                weights = weights.squeeze(0)
        return out, weights

    def extra_repr(self) -> str:
        return (f"embed_dim={self.embed_dim}, num_heads={self.num_heads}, "
                f"dropout={self.dropout}, batch_first={self.batch_first}")


def _unsqueeze(mask):
    return mask.unsqueeze(0) if isinstance(mask, Tensor) else np.asarray(mask)[None]


def _pad_last(bias):
    """A zero column appended to an additive mask (for an appended key), or None."""
    if bias is None:
        return None
    zeros = Tensor(np.zeros((*bias.shape[:-1], 1), dtype=bias.dtype))
    return cat([bias, zeros], dim=-1)
