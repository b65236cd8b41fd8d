"""RMSNorm (Zhang & Sennrich, 2019): LayerNorm without the mean.

    y = x / √(mean(x²) + ε) · γ       over the last ``len(normalized_shape)`` dims

LayerNorm centres (subtracts the mean) and scales (divides by the standard deviation);
RMSNorm only scales, by the root mean square. It has no bias and one reduction fewer, and
in practice trains as well, which is why LLaMA-style models use it. ``eps=None`` means the
machine epsilon of the input's dtype, as in PyTorch.

The fused forward and backward are in ``nn/_rms_norm.py`` (``F.rms_norm``).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.nn._rms_norm import _shape, rms_norm
from mlinterview.ml.nn.module import Module, Parameter


class RMSNorm(Module):
    """Root-mean-square normalisation over the last dims, PyTorch's ``nn.RMSNorm``.

    Args:
        normalized_shape: int or tuple, the trailing shape normalised (e.g. d_model).
        eps: added to the mean square; None = machine epsilon of the input's dtype.
        elementwise_affine: learn a per-feature gain ``weight`` (initialised to ones).

    Input (*, *normalized_shape) -> output of the same shape.
    """

    def __init__(self, normalized_shape, eps: float | None = None,
                 elementwise_affine: bool = True, dtype=np.float32):
        super().__init__()
        self.normalized_shape = _shape(normalized_shape)
        if any(n <= 0 for n in self.normalized_shape):
            raise ValueError(f"normalized_shape must be positive, got {self.normalized_shape}")
        self.eps, self.elementwise_affine = eps, elementwise_affine
        if elementwise_affine:
            self.weight = Parameter(np.ones(self.normalized_shape, dtype=dtype))
        else:
            self.register_parameter("weight", None)

    def forward(self, x):
        return rms_norm(x, self.normalized_shape, self.weight, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.normalized_shape}, eps={self.eps}, "
                f"elementwise_affine={self.elementwise_affine}")
