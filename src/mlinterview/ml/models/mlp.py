"""Deep fully connected networks for the vanishing-gradient experiments.

``DeepMLP`` stacks ``depth`` blocks of Linear -> (norm) -> activation, optionally with a
residual connection around each block (x + block(x)), so one class covers the four fixes
the vanishing-gradients card compares: activation, initialisation, normalisation and skip
connections.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor

ACTIVATIONS = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "gelu": nn.GELU}
INITS = ("naive", "xavier", "he", "large", "pytorch")
NORMS = ("none", "batch", "layer")


class Block(nn.Module):
    """Linear(width, width) -> optional norm -> activation, with an optional skip."""

    def __init__(self, width: int, activation: str, norm: str, residual: bool,
                 generator: np.random.Generator | None = None):
        super().__init__()
        self.linear = nn.Linear(width, width, generator=generator)
        if norm == "batch":
            self.norm = nn.BatchNorm1d(width)
        elif norm == "layer":
            self.norm = nn.LayerNorm(width)
        else:
            self.norm = nn.Identity()
        self.act = ACTIVATIONS[activation]()
        self.residual = residual

    def forward(self, x):
        out = self.act(self.norm(self.linear(x)))
        # The skip adds an identity path: d(x + f(x))/dx = I + f'(x), so the gradient
        # reaching earlier layers never has to pass through every f'.
        return x + out if self.residual else out


class DeepMLP(nn.Module):
    """in_features -> width, ``depth`` blocks, width -> out_features.

    Args:
        init: "naive" (N(0, 0.01²), a classic mistake), "xavier" (Glorot normal),
            "he" (Kaiming normal, fan_in, for ReLU), "large" (He scaled by 2: the signal
            variance doubles per layer and gradients explode) or "pytorch" (the Linear
            default).
    """

    def __init__(self, in_features: int, out_features: int, width: int = 32, depth: int = 20,
                 activation: str = "relu", init: str = "he", norm: str = "none",
                 residual: bool = False, generator: np.random.Generator | None = None):
        super().__init__()
        for name, value, options in (("activation", activation, ACTIVATIONS),
                                     ("init", init, INITS), ("norm", norm, NORMS)):
            if value not in options:
                raise ValueError(f"{name} must be one of {list(options)}, got {value!r}")
        self.inp = nn.Linear(in_features, width, generator=generator)
        self.blocks = nn.ModuleList(
            Block(width, activation, norm, residual, generator) for _ in range(depth))
        self.out = nn.Linear(width, out_features, generator=generator)
        self._initialise(init, activation, generator)

    def _initialise(self, init: str, activation: str, generator) -> None:
        if init == "pytorch":
            return
        for m in self.modules():
            if not isinstance(m, nn.Linear):
                continue
            if init == "naive":
                nn.init.normal_(m.weight, 0.0, 0.01, generator)
            elif init == "xavier":
                gain = nn.init.calculate_gain("tanh" if activation == "tanh" else "linear")
                nn.init.xavier_normal_(m.weight, gain, generator)
            else:
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=generator)
                if init == "large":
                    m.weight.data *= 2.0
            nn.init.zeros_(m.bias)

    def forward(self, x):
        h = self.inp(x)
        for block in self.blocks:
            h = block(h)
        return self.out(h)


def layer_gradient_norms(model: DeepMLP, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """‖dL/dW‖ (Frobenius) of each block's weight after one backward pass of the
    cross-entropy loss; shape (depth,), first block first."""
    model.zero_grad()
    # The input in the model's dtype: its layers refuse another (as PyTorch's do).
    loss = nn.functional.cross_entropy(model(Tensor(X, dtype=model.inp.weight.dtype)), y)
    loss.backward()
    return np.array([math.sqrt(float((b.linear.weight.grad.data.astype(np.float64) ** 2).sum()))
                     for b in model.blocks])
