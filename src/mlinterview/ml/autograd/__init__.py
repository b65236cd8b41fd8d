"""Reverse-mode automatic differentiation on NumPy, with PyTorch's names and semantics.

``Tensor`` records the operations applied to it; ``loss.backward()`` fills ``.grad`` of
every leaf that requires grad. ``no_grad()`` switches recording off; ``gradcheck`` compares
the gradients with finite differences.

    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> (x * x).sum().backward()
    >>> x.grad
    tensor([2., 4., 6.])
"""

from mlinterview.ml.autograd.grad_mode import (
    enable_grad,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from mlinterview.ml.autograd.gradcheck import GradcheckError, gradcheck
from mlinterview.ml.autograd.ops import cat, stack, where
from mlinterview.ml.autograd.tensor import Function, Tensor, tensor, unbroadcast

__all__ = [
    "Function",
    "GradcheckError",
    "Tensor",
    "cat",
    "enable_grad",
    "gradcheck",
    "is_grad_enabled",
    "no_grad",
    "set_grad_enabled",
    "stack",
    "tensor",
    "unbroadcast",
    "where",
]
