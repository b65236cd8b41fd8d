"""y = x Wᵀ + b as one autograd operation (``F.linear`` and ``nn.Linear`` use it).

Built from primitives, a linear layer is three graph nodes (transpose, matmul, add) and
its backward three more array passes. As one node:

    forward:   y = x Wᵀ + b                    x (*, in), W (out, in), b (out,) -> y (*, out)
    backward:  dx = g W,   dW = gᵀ x,   db = Σ_rows g      (leading dims flattened into rows)

The bias is added in place into the product's fresh output, and each gradient is computed
only when its input requires one.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Function


class LinearFunction(Function):
    """x (*, in), weight (out, in), bias (out,) or None -> x weightᵀ + bias (*, out)."""

    def forward(self, x, weight, bias):
        self.x, self.weight, self.has_bias = x, weight, bias is not None
        y = np.matmul(x, weight.T)
        if bias is not None:
            y += bias  # y is a fresh array: adding in place saves a temporary
        return y

    def backward(self, g):
        need_x, need_w, need_b = self.needs_input_grad  # (x, weight, bias)
        x, weight = self.x, self.weight
        dx = np.matmul(g, weight) if need_x else None
        g2 = g.reshape(-1, g.shape[-1]) if g.ndim != 2 else g
        dw = g2.T @ x.reshape(-1, x.shape[-1]) if need_w else None
        db = g2.sum(axis=0) if (self.has_bias and need_b) else None
        return dx, dw, db
