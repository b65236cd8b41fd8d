"""The transformer encoder block, its stack, and the SwiGLU feed-forward network.

A block is two sub-layers, each wrapped in a residual connection: self-attention (tokens
exchange information) and a position-wise MLP (each token is transformed on its own). The
running sum x, x + attn(...), x + attn(...) + mlp(...) is the *residual stream*: every
sub-layer reads from it and adds its output back.

Where the normalisation sits is the one design choice that matters for depth:

- **post-norm** (the 2017 original, ``norm_first=False``): x = norm(x + sublayer(x)).
  Every gradient that goes to an early layer passes through every later norm; deep stacks
  need learning-rate warm-up to train (Xiong et al., 2020).
- **pre-norm** (GPT-2 onwards, ``norm_first=True``): x = x + sublayer(norm(x)). The
  identity path from the output to every layer carries the gradient untouched, so
  gradients stay of the same size at every depth; the stream's norm grows with depth
  instead, and a final norm is added after the last block.

Names, defaults and parameter names follow PyTorch's ``nn.TransformerEncoderLayer`` and
``nn.TransformerEncoder``, so their state dicts load with ``load_state_dict``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import numpy as np

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.module import Module, ModuleList
from mlinterview.ml.nn.modules.attention import MultiheadAttention
from mlinterview.ml.nn.modules.linear import Dropout, Linear
from mlinterview.ml.nn.modules.normalization import LayerNorm

ACTIVATIONS: dict[str, Callable[[Tensor], Tensor]] = {"relu": F.relu, "gelu": F.gelu}


def generate_square_subsequent_mask(sz: int, dtype=np.float32) -> Tensor:
    """The causal mask of ``nn.Transformer.generate_square_subsequent_mask``: (sz, sz) float,
    0 on and below the diagonal, -inf above (position i may not see positions after i)."""
    if not isinstance(sz, int | np.integer) or sz <= 0:
        raise ValueError(f"sz must be a positive integer, got {sz!r}")
    return Tensor(np.triu(np.full((sz, sz), -np.inf, dtype=dtype), k=1))


class TransformerEncoderLayer(Module):
    """Self-attention then a feed-forward network, each with a residual connection and a
    LayerNorm (PyTorch's ``nn.TransformerEncoderLayer``).

    post-norm (default): x = norm1(x + sa(x)); x = norm2(x + ff(x))
    pre-norm (``norm_first``): x = x + sa(norm1(x)); x = x + ff(norm2(x))
    with sa = dropout1 ∘ self_attn and ff = dropout2 ∘ linear2 ∘ dropout ∘ act ∘ linear1.

    Args:
        d_model: width of the residual stream. nhead: attention heads.
        dim_feedforward: hidden width of the MLP (typically 4 · d_model).
        dropout: probability of every dropout (attention weights, MLP, both residuals).
        activation: "relu", "gelu" or a function of a Tensor.
        layer_norm_eps: ε of both LayerNorms. batch_first: (N, L, E) instead of (L, N, E).
        norm_first: pre-norm instead of post-norm. bias: biases in the linear layers and
            the LayerNorms.
        dtype, generator: of the parameters, and NumPy generator for initialisation and
            dropout (additions to PyTorch's signature).
    """

    def __init__(self, d_model: int, nhead: int, dim_feedforward: int = 2048,
                 dropout: float = 0.1, activation: str | Callable = "relu",
                 layer_norm_eps: float = 1e-5, batch_first: bool = False,
                 norm_first: bool = False, bias: bool = True, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        if isinstance(activation, str):
            if activation not in ACTIVATIONS:
                raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)} or a "
                                 f"function, got {activation!r}")
            activation = ACTIVATIONS[activation]
        elif not callable(activation):
            raise TypeError(f"activation must be a string or a function, got "
                            f"{type(activation).__name__}")
        self.self_attn = MultiheadAttention(d_model, nhead, dropout=dropout, bias=bias,
                                            batch_first=batch_first, dtype=dtype,
                                            generator=generator)
        self.linear1 = Linear(d_model, dim_feedforward, bias=bias, dtype=dtype,
                              generator=generator)
        self.dropout = Dropout(dropout, generator=generator)
        self.linear2 = Linear(dim_feedforward, d_model, bias=bias, dtype=dtype,
                              generator=generator)
        self.norm_first = norm_first
        self.norm1 = LayerNorm(d_model, eps=layer_norm_eps, bias=bias, dtype=dtype)
        self.norm2 = LayerNorm(d_model, eps=layer_norm_eps, bias=bias, dtype=dtype)
        self.dropout1 = Dropout(dropout, generator=generator)
        self.dropout2 = Dropout(dropout, generator=generator)
        self.activation = activation
        self.batch_first = batch_first

    def forward(self, src, src_mask=None, src_key_padding_mask=None, is_causal: bool = False):
        """src (L, N, E) / (N, L, E) with batch_first / (L, E) -> the same shape.

        ``src_mask`` (L, L) or (N·nhead, L, L) and ``src_key_padding_mask`` (N, L) follow
        ``MultiheadAttention``: bool True = masked out, float = added to the scores.
        """
        x = src
        if self.norm_first:
            x = x + self._sa_block(self.norm1(x), src_mask, src_key_padding_mask, is_causal)
            x = x + self._ff_block(self.norm2(x))
        else:
            x = self.norm1(x + self._sa_block(x, src_mask, src_key_padding_mask, is_causal))
            x = self.norm2(x + self._ff_block(x))
        return x

    def _sa_block(self, x, attn_mask, key_padding_mask, is_causal):
        out = self.self_attn(x, x, x, attn_mask=attn_mask, key_padding_mask=key_padding_mask,
                             need_weights=False, is_causal=is_causal)[0]
        return self.dropout1(out)

    def _ff_block(self, x):
        return self.dropout2(self.linear2(self.dropout(self.activation(self.linear1(x)))))


class TransformerEncoder(Module):
    """``num_layers`` copies of ``encoder_layer`` applied in turn, then ``norm`` if given
    (a pre-norm stack needs that final norm). Parameters are named ``layers.0. ...``,
    ``norm. ...`` as in PyTorch's ``nn.TransformerEncoder``."""

    def __init__(self, encoder_layer: TransformerEncoderLayer, num_layers: int,
                 norm: Module | None = None):
        super().__init__()
        if not isinstance(num_layers, int | np.integer) or num_layers <= 0:
            raise ValueError(f"num_layers must be a positive integer, got {num_layers!r}")
        self.layers = ModuleList(copy.deepcopy(encoder_layer) for _ in range(num_layers))
        self.num_layers = int(num_layers)
        self.norm = norm

    def forward(self, src, mask=None, src_key_padding_mask=None, is_causal: bool | None = None):
        """src as the layer takes it -> the same shape; the masks go to every layer."""
        x = src
        for layer in self.layers:
            x = layer(x, src_mask=mask, src_key_padding_mask=src_key_padding_mask,
                      is_causal=bool(is_causal))
        return x if self.norm is None else self.norm(x)


class SwiGLU(Module):
    """The gated feed-forward network of LLaMA-style models (Shazeer, 2020):

        SwiGLU(x) = down_proj( silu(gate_proj(x)) ⊙ up_proj(x) )

    One projection is passed through SiLU (x·σ(x)) and gates the other elementwise. It has
    three matrices instead of two, so at equal parameter count the hidden width is
    usually 2/3 of the plain MLP's (8/3 · d_model instead of 4 · d_model). PyTorch has no
    such module; the names follow common LLaMA implementations.

    Args:
        in_features: d_model. hidden_features: the gated width.
        out_features: default ``in_features``. bias: biases in the three projections
            (LLaMA has none).
    Input (*, in_features) -> output (*, out_features).
    """

    def __init__(self, in_features: int, hidden_features: int,
                 out_features: int | None = None, bias: bool = False, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        out_features = in_features if out_features is None else out_features
        self.gate_proj = Linear(in_features, hidden_features, bias=bias, dtype=dtype,
                                generator=generator)
        self.up_proj = Linear(in_features, hidden_features, bias=bias, dtype=dtype,
                              generator=generator)
        self.down_proj = Linear(hidden_features, out_features, bias=bias, dtype=dtype,
                                generator=generator)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))
