"""Fully connected layers."""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn import init
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn._linear import LinearFunction
from mlinterview.ml.nn.module import Module, Parameter


class Identity(Module):
    """Returns its input."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, x):
        return x


class Linear(Module):
    """y = x Wᵀ + b. Input (*, in_features) -> output (*, out_features).

    Weight (out_features, in_features) and bias (out_features,) start as PyTorch's:
    U(-1/√in, 1/√in) (kaiming_uniform with a = √5 gives exactly this bound). The input
    must have the weight's dtype (``TypeError`` otherwise), as in PyTorch.
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 dtype=np.float32, generator: np.random.Generator | None = None):
        super().__init__()
        for name, value in (("in_features", in_features), ("out_features", out_features)):
            if not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        self.in_features, self.out_features = int(in_features), int(out_features)
        self.weight = Parameter(np.empty((out_features, in_features), dtype=dtype))
        self.bias = Parameter(np.empty(out_features, dtype=dtype)) if bias else None
        if not bias:
            self.register_parameter("bias", None)
        self.reset_parameters(generator)

    def reset_parameters(self, generator=None) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5), generator=generator)
        if self.bias is not None:
            bound = 1 / math.sqrt(self.in_features)
            init.uniform_(self.bias, -bound, bound, generator)

    def forward(self, x):
        check_input_dtype(f"Linear({self.in_features}, {self.out_features})", x,
                          {"weight": self.weight, "bias": self.bias})
        if x.shape[-1] != self.in_features:
            raise ValueError(
                f"Linear({self.in_features}, {self.out_features}): input has "
                f"{x.shape[-1]} features (shape {tuple(x.shape)}), expected {self.in_features}")
        return LinearFunction.apply(x, self.weight, self.bias)  # F.linear, checked above

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")


class Flatten(Module):
    """Collapse dims ``start_dim..end_dim`` into one (default keeps the batch dim)."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1):
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, x):
        return x.flatten(self.start_dim, self.end_dim)


class Dropout(Module):
    """Inverted dropout with probability ``p``; the identity in eval mode."""

    def __init__(self, p: float = 0.5, inplace: bool = False,
                 generator: np.random.Generator | None = None):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.generator = generator

    def forward(self, x):
        return F.dropout(x, self.p, self.training, self.generator)

    def extra_repr(self) -> str:
        return f"p={self.p}"


class Embedding(Module):
    """A lookup table (num_embeddings, embedding_dim), initialised N(0, 1) like PyTorch."""

    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None,
                 dtype=np.float32, generator: np.random.Generator | None = None):
        super().__init__()
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.padding_idx = padding_idx
        self.weight = Parameter(np.empty((num_embeddings, embedding_dim), dtype=dtype))
        init.normal_(self.weight, generator=generator)
        if padding_idx is not None:
            self.weight.data[padding_idx] = 0

    def forward(self, idx):
        return F.embedding(idx, self.weight, self.padding_idx)

    def extra_repr(self) -> str:
        return f"{self.num_embeddings}, {self.embedding_dim}"
