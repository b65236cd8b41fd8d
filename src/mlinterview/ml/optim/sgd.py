"""Stochastic gradient descent with momentum and Nesterov momentum.

    g ← ∇L(θ) + λθ                         (weight decay as an L2 term)
    b ← μ b + (1 - τ) g                     (momentum buffer; b = g on the first step)
    d ← g + μ b   if nesterov else b        (Nesterov looks one step ahead)
    θ ← θ - η d

The update goes *against* the gradient of the loss with respect to the *weights*: the
gradient points uphill.
"""

from __future__ import annotations

from mlinterview.ml.optim.optimizer import Optimizer


class SGD(Optimizer):
    """PyTorch's ``torch.optim.SGD``: lr, momentum, dampening, weight_decay, nesterov,
    maximize."""

    def __init__(self, params, lr: float = 1e-3, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False, *, maximize: bool = False):
        if momentum < 0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov,
                                      maximize=maximize))

    def _update(self, p, grad, state, group):
        if group["weight_decay"]:
            grad = grad + group["weight_decay"] * p.data
        mu = group["momentum"]
        if mu:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = grad.copy()
            else:
                buf = mu * buf + (1 - group["dampening"]) * grad
            state["momentum_buffer"] = buf
            grad = grad + mu * buf if group["nesterov"] else buf
        p.data -= group["lr"] * grad
