"""Gradient clipping, PyTorch's ``torch.nn.utils.clip_grad_norm_`` / ``clip_grad_value_``.

Clipping by **global norm** treats all gradients as one long vector g. If ‖g‖ exceeds
``max_norm`` every gradient is multiplied by max_norm / ‖g‖: the update keeps its
direction and only its length is capped, which is what stops one exploding step (common in
RNNs) from throwing the weights far away. Clipping by **value** clamps each coordinate
separately, which also changes the direction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from mlinterview.ml.autograd import Tensor


def _with_grads(parameters) -> list[Tensor]:
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p for p in parameters if p.grad is not None]


def clip_grad_norm_(parameters: Iterable[Tensor] | Tensor, max_norm: float,
                    norm_type: float = 2.0, error_if_nonfinite: bool = False) -> Tensor:
    """Scale all gradients in place so that their joint ``norm_type``-norm is at most
    ``max_norm``; returns the total norm before clipping (a 0-d tensor).

    The scale is max_norm / (total + 1e-6), applied only when it is below 1, as PyTorch.
    """
    params = _with_grads(parameters)
    max_norm, norm_type = float(max_norm), float(norm_type)
    if max_norm < 0:
        raise ValueError(f"max_norm must be non-negative, got {max_norm}")
    if not params:
        return Tensor(np.array(0.0, dtype=np.float32))
    grads = [p.grad.data for p in params]
    if math.isinf(norm_type):
        total = max(float(np.abs(g).max()) if g.size else 0.0 for g in grads)
    else:
        per_param = [np.linalg.norm(g.ravel().astype(np.float64), ord=norm_type) for g in grads]
        total = float(np.linalg.norm(np.array(per_param), ord=norm_type))
    if error_if_nonfinite and not math.isfinite(total):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is "
            f"non-finite, so it cannot be clipped. To disable this error and scale the "
            f"gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
    coef = min(max_norm / (total + 1e-6), 1.0)
    for p in params:
        p.grad.data = (p.grad.data * coef).astype(p.grad.data.dtype)
    return Tensor(np.array(total, dtype=grads[0].dtype))


def clip_grad_value_(parameters: Iterable[Tensor] | Tensor, clip_value: float) -> None:
    """Clamp every gradient coordinate to [-clip_value, clip_value] in place."""
    clip_value = float(clip_value)
    if clip_value < 0:
        raise ValueError(f"clip_value must be non-negative, got {clip_value}")
    for p in _with_grads(parameters):
        np.clip(p.grad.data, -clip_value, clip_value, out=p.grad.data)
