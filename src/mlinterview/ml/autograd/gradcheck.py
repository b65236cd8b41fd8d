"""Check analytical gradients against finite differences.

For a function f of tensors, backward computes vᵀJ for a chosen v. Taking v as each unit
vector in turn gives the analytical Jacobian row by row; central differences
(f(x + εe) - f(x - εe)) / 2ε give the numerical one column by column. They must agree
within ``atol + rtol·|numerical|``. Use float64 inputs: in float32 the differences drown
in rounding error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from mlinterview.ml.autograd.grad_mode import no_grad
from mlinterview.ml.autograd.tensor import Tensor


class GradcheckError(AssertionError):
    """Analytical and numerical gradients disagree."""


def _outputs(fn, inputs) -> list[Tensor]:
    out = fn(*inputs)
    outs = list(out) if isinstance(out, tuple | list) else [out]
    return [o for o in outs if isinstance(o, Tensor)]


def numerical_jacobian(fn: Callable, inputs: Sequence[Tensor], eps: float = 1e-6):
    """One array per (output, input that requires grad): shape (out.size, inp.size)."""
    with no_grad():
        sizes = [o.data.size for o in _outputs(fn, inputs)]
    jac = [[np.zeros((n, x.data.size)) for x in inputs if x.requires_grad] for n in sizes]
    k = 0
    for x in inputs:
        if not x.requires_grad:
            continue
        flat = x.data.reshape(-1)  # a view: perturbations write into the input
        for j in range(flat.size):
            orig = flat[j]
            with no_grad():
                flat[j] = orig + eps
                plus = [o.data.astype(np.float64).ravel() for o in _outputs(fn, inputs)]
                flat[j] = orig - eps
                minus = [o.data.astype(np.float64).ravel() for o in _outputs(fn, inputs)]
            flat[j] = orig
            for i, (p, m) in enumerate(zip(plus, minus, strict=True)):
                jac[i][k][:, j] = (p - m) / (2 * eps)
        k += 1
    return jac


def analytical_jacobian(fn: Callable, inputs: Sequence[Tensor]):
    """Same layout as :func:`numerical_jacobian`, from one backward per output element."""
    outs = _outputs(fn, inputs)
    wrt = [x for x in inputs if x.requires_grad]
    jac = [[np.zeros((o.data.size, x.data.size)) for x in wrt] for o in outs]
    for i, o in enumerate(outs):
        if not o.requires_grad:
            continue
        for r in range(o.data.size):
            for x in wrt:
                x.grad = None
            v = np.zeros(o.data.size, dtype=o.dtype)
            v[r] = 1
            o.backward(v.reshape(o.shape), retain_graph=True)
            for k, x in enumerate(wrt):
                if x.grad is not None:
                    jac[i][k][r] = x.grad.data.ravel()
    for x in wrt:
        x.grad = None
    return jac


def gradcheck(fn: Callable, inputs: Sequence[Tensor] | Tensor, eps: float = 1e-6,
              atol: float = 1e-5, rtol: float = 1e-3, raise_exception: bool = True) -> bool:
    """True when backward's gradients of ``fn(*inputs)`` match central differences.

    Args:
        fn: takes the tensors in ``inputs`` and returns a tensor or a tuple of tensors.
        inputs: tensors; those with ``requires_grad`` are checked (use float64).
        eps: finite-difference step. atol, rtol: tolerance of the comparison.
        raise_exception: raise :class:`GradcheckError` naming the worst entry instead of
            returning False.
    """
    inputs = [inputs] if isinstance(inputs, Tensor) else list(inputs)
    if not any(isinstance(x, Tensor) and x.requires_grad for x in inputs):
        raise ValueError("gradcheck: at least one input must be a Tensor with requires_grad")
    for x in inputs:
        if isinstance(x, Tensor) and x.requires_grad and x.dtype != np.float64:
            raise ValueError(
                f"gradcheck: inputs should be float64 for finite differences to be "
                f"meaningful, got {x.dtype}")
    numerical = numerical_jacobian(fn, inputs, eps)
    analytical = analytical_jacobian(fn, inputs)
    for i, (num_row, ana_row) in enumerate(zip(numerical, analytical, strict=True)):
        for k, (num, ana) in enumerate(zip(num_row, ana_row, strict=True)):
            bad = np.abs(num - ana) > atol + rtol * np.abs(num)
            if bad.any():
                r, c = np.argwhere(bad)[0]
                if raise_exception:
                    raise GradcheckError(
                        f"Jacobian mismatch for output {i} with respect to input {k}: at "
                        f"(output element {r}, input element {c}) numerical {num[r, c]:.6g} "
                        f"vs analytical {ana[r, c]:.6g}")
                return False
    return True
