"""Positional layers: the sinusoidal and learned tables added to token embeddings, and RoPE.

See :mod:`mlinterview.ml.nn.positional` for the functions and the comparison of the schemes.
ALiBi has no layer: it is a bias on the scores (:func:`~mlinterview.ml.nn.positional.alibi_bias`).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn.module import Module
from mlinterview.ml.nn.modules.linear import Embedding
from mlinterview.ml.nn.positional import (
    ROPE_LAYOUTS,
    _base,
    _even_dim,
    apply_rotary_emb,
    sinusoidal_positional_encoding,
)


def _check_sequence_input(name: str, x, dim: int) -> None:
    if not isinstance(x, Tensor):
        raise TypeError(f"{name}: expected a Tensor, got {type(x).__name__}")
    if x.ndim < 2 or x.shape[-1] != dim:
        raise ValueError(f"{name}: expected input of shape (..., seq_len, {dim}), "
                         f"got {tuple(x.shape)}")


def _check_offset(offset) -> int:
    if isinstance(offset, bool) or not isinstance(offset, int | np.integer) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, got {offset!r}")
    return int(offset)


class SinusoidalPositionalEncoding(Module):
    """Adds the fixed sinusoidal table to token embeddings (Vaswani et al., 2017).

    Input ``(..., seq_len, embedding_dim)``, output the same shape: ``x + PE[offset :
    offset + seq_len]`` (the table broadcast over the leading dimensions). No parameters;
    any length works, though a model has only learned to read the positions it saw.
    """

    def __init__(self, embedding_dim: int, base: float = 10000.0, dtype=np.float32):
        super().__init__()
        self.embedding_dim = _even_dim(embedding_dim, "embedding_dim")
        self.base = _base(base)
        self.dtype = np.dtype(dtype)

    def forward(self, x: Tensor, offset: int = 0) -> Tensor:
        _check_sequence_input(type(self).__name__, x, self.embedding_dim)
        pe = sinusoidal_positional_encoding(x.shape[-2], self.embedding_dim, base=self.base,
                                            offset=_check_offset(offset), dtype=self.dtype)
        check_input_dtype(type(self).__name__, x, {"encoding": pe})
        return x + pe

    def extra_repr(self) -> str:
        return f"{self.embedding_dim}, base={self.base:g}"


class LearnedPositionalEmbedding(Embedding):
    """A trainable row per position, added to the token embeddings (BERT, GPT-2).

    An :class:`Embedding` of shape ``(num_positions, embedding_dim)`` (same ``weight`` name,
    so its state dict loads into ``torch.nn.Embedding``). ``forward(x, offset)`` takes
    token embeddings ``(..., seq_len, embedding_dim)`` and returns
    ``x + weight[offset : offset + seq_len]``. A position at or past ``num_positions`` has
    no row: that is the hard length limit of learned absolute positions.
    """

    def __init__(self, num_positions: int, embedding_dim: int, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        for name, value in (("num_positions", num_positions), ("embedding_dim", embedding_dim)):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        super().__init__(num_positions, embedding_dim, dtype=dtype, generator=generator)

    def forward(self, x: Tensor, offset: int = 0) -> Tensor:
        _check_sequence_input(type(self).__name__, x, self.embedding_dim)
        offset = _check_offset(offset)
        end = offset + x.shape[-2]
        if end > self.num_embeddings:
            raise ValueError(
                f"{type(self).__name__}: positions {offset}..{end - 1} requested but the table "
                f"has only {self.num_embeddings} rows (0..{self.num_embeddings - 1}); learned "
                f"absolute positions cannot extrapolate past the length they were built for")
        check_input_dtype(type(self).__name__, x, {"weight": self.weight})
        return x + self.weight[offset:end]


class RotaryEmbedding(Module):
    """RoPE as a layer: ``forward(x, positions)`` rotates queries or keys
    ``(..., seq_len, head_dim)``; see :func:`~mlinterview.ml.nn.positional.apply_rotary_emb`.

    Call it on the queries and on the keys with the same positions (with a KV cache, the new
    queries get positions ``cache_len ...``); leave the values alone.
    """

    def __init__(self, head_dim: int, base: float = 10000.0, layout: str = "half"):
        super().__init__()
        self.head_dim = _even_dim(head_dim, "head_dim")
        self.base = _base(base)
        if layout not in ROPE_LAYOUTS:
            raise ValueError(f"layout must be one of {ROPE_LAYOUTS}, got {layout!r}")
        self.layout = layout

    def forward(self, x: Tensor, positions=None) -> Tensor:
        _check_sequence_input(type(self).__name__, x, self.head_dim)
        return apply_rotary_emb(x, positions, base=self.base, layout=self.layout)

    def extra_repr(self) -> str:
        return f"{self.head_dim}, base={self.base:g}, layout={self.layout!r}"
