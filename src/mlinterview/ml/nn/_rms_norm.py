"""The functional form of RMSNorm; the module is in ``modules/rms_norm.py``, which explains it.

    rms_norm(x) = x / √(mean(x²) + ε) · weight   over the last ``len(normalized_shape)`` dims

Backward, with r = 1/√(mean(x²) + ε), x̂ = x·r, dx̂ = g·weight: dx = r · (dx̂ - x̂ · mean(dx̂ ⊙ x̂))
and d(weight) = Σ g ⊙ x̂ over the leading dims. (LayerNorm's formula has a third term,
-mean(dx̂), from the mean it subtracts.)
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Function, Tensor
from mlinterview.ml.nn._dtypes import check_floating_input, check_input_dtype


class _RMSNorm(Function):
    def forward(self, x, weight, axes, eps):
        mean_square = np.mean(x * x, axis=axes, keepdims=True)
        self.r = (1.0 / np.sqrt(mean_square + eps)).astype(x.dtype, copy=False)
        self.x_hat = x * self.r
        self.weight, self.axes = weight, axes
        return self.x_hat.copy() if weight is None else self.x_hat * weight

    def backward(self, g):
        need_x, need_w = self.needs_input_grad
        x_hat = self.x_hat
        gw = None
        if need_w:
            lead = tuple(range(g.ndim - self.weight.ndim))
            gw = (g * x_hat).sum(axis=lead)
        gx = None
        if need_x:
            dx_hat = g if self.weight is None else g * self.weight
            gx = self.r * (dx_hat - x_hat * np.mean(dx_hat * x_hat, axis=self.axes,
                                                    keepdims=True))
        return gx, gw


def _shape(normalized_shape) -> tuple[int, ...]:
    if isinstance(normalized_shape, int | np.integer):
        return (int(normalized_shape),)
    return tuple(int(n) for n in normalized_shape)


def rms_norm(input: Tensor, normalized_shape, weight: Tensor | None = None,
             eps: float | None = None) -> Tensor:
    """x / √(mean(x²) + eps) · weight over the last dims of ``input`` (PyTorch's
    ``F.rms_norm``). ``input`` (*, *normalized_shape); ``weight`` normalized_shape or None;
    ``eps`` None = the machine epsilon of the input's dtype."""
    check_floating_input("rms_norm", input)
    shape = _shape(normalized_shape)
    k = len(shape)
    if tuple(input.shape[input.ndim - k:]) != shape or input.ndim < k:
        raise ValueError(f"rms_norm: normalized_shape {shape} must match the last {k} dims "
                         f"of the input, got input shape {tuple(input.shape)}")
    if weight is not None and tuple(weight.shape) != shape:
        raise ValueError(f"weight: expected shape {shape}, got {tuple(weight.shape)}")
    check_input_dtype("rms_norm", input, {"weight": weight})
    eps = float(np.finfo(input.dtype).eps) if eps is None else float(eps)
    axes = tuple(range(input.ndim - k, input.ndim))
    return _RMSNorm.apply(input, weight, axes=axes, eps=eps)
