"""Activation functions as autograd operations: each forward with its derivative.

Written as fused operations (one node in the graph instead of five) because they are
applied to every activation of every layer; the formulas are the ones to know:

    relu(x)        = max(x, 0)                    relu'  = [x > 0]
    leaky_relu(x)  = x if x > 0 else a x          leaky' = 1 or a
    elu(x)         = x if x > 0 else a (e^x - 1)  elu'   = 1 or elu(x) + a
    sigmoid(x)     = 1 / (1 + e^-x)               σ'     = σ (1 - σ)
    tanh(x)                                       tanh'  = 1 - tanh²
    softplus(x)    = log(1 + e^x)                 softplus' = σ(x)
    logsigmoid(x)  = -softplus(-x)                logsigmoid' = σ(-x) = 1 - σ(x)
    silu(x)        = x σ(x)                       silu'  = σ (1 + x (1 - σ))
    gelu(x)        = x Φ(x)                       gelu'  = Φ(x) + x φ(x)
    gelu_tanh(x)   = x/2 (1 + tanh(√(2/π) (x + 0.044715 x³)))
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from mlinterview.ml.autograd import Function


def _softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|)."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


class LeakyReLU(Function):
    def forward(self, x, negative_slope=0.01):
        self.positive, self.slope = x > 0, negative_slope
        return np.where(self.positive, x, x * negative_slope).astype(x.dtype, copy=False)

    def backward(self, g):
        return (np.where(self.positive, g, g * self.slope),)


class ELU(Function):
    def forward(self, x, alpha=1.0):
        self.positive, self.alpha = x > 0, alpha
        self.out = np.where(self.positive, x, alpha * np.expm1(np.minimum(x, 0)))
        return self.out.astype(x.dtype, copy=False)

    def backward(self, g):
        return (np.where(self.positive, g, g * (self.out + self.alpha)),)


class Softplus(Function):
    def forward(self, x, beta=1.0, threshold=20.0):
        # Above the threshold softplus(x) == x to float precision (PyTorch does the same).
        self.x, self.beta, self.threshold = x, beta, threshold
        linear = x * beta > threshold
        self.linear = linear
        out = np.where(linear, x, _softplus(x * beta) / beta)
        return out.astype(x.dtype, copy=False)

    def backward(self, g):
        return (np.where(self.linear, g, g * _sigmoid(self.x * self.beta)),)


class LogSigmoid(Function):
    def forward(self, x):
        self.x = x
        return (-_softplus(-x)).astype(x.dtype, copy=False)

    def backward(self, g):
        return (g * _sigmoid(-self.x),)


class SiLU(Function):
    def forward(self, x):
        self.x, self.s = x, _sigmoid(x)
        return x * self.s

    def backward(self, g):
        s = self.s
        return (g * s * (1 + self.x * (1 - s)),)


_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


class GELU(Function):
    """x Φ(x) with Φ the standard normal CDF, or PyTorch's tanh approximation."""

    def forward(self, x, approximate="none"):
        if approximate not in ("none", "tanh"):
            raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")
        self.x, self.approximate = x, approximate
        if approximate == "tanh":
            # x * x * x, not x**3: NumPy's float power is ~40x slower than two products.
            self.t = np.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * (x * x * x)))
            return (0.5 * x * (1 + self.t)).astype(x.dtype, copy=False)
        self.cdf = 0.5 * (1 + special.erf(x / math.sqrt(2)))
        return (x * self.cdf).astype(x.dtype, copy=False)

    def backward(self, g):
        x = self.x
        if self.approximate == "tanh":
            t = self.t
            inner = _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * (x * x))
            return (g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * inner),)
        pdf = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
        return (g * (self.cdf + x * pdf),)


class Hardtanh(Function):
    def forward(self, x, min_val=-1.0, max_val=1.0):
        self.inside = (x > min_val) & (x < max_val)
        return np.clip(x, min_val, max_val)

    def backward(self, g):
        return (g * self.inside,)
