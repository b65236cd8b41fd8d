"""Adaptive learning rates: Adagrad, RMSprop, Adam (+AMSGrad) and AdamW.

All of them divide the step by a running measure of the gradient's size per coordinate,
so steep directions take small steps and flat ones large steps:

    Adagrad:  s ← s + g²;                    θ ← θ - η g / (√s + ε)
    RMSprop:  s ← α s + (1-α) g²;            θ ← θ - η g / (√s + ε)
    Adam:     m ← β₁ m + (1-β₁) g;  v ← β₂ v + (1-β₂) g²
              m̂ = m / (1-β₁ᵗ),  v̂ = v / (1-β₂ᵗ)   (bias correction: m, v start at 0)
              θ ← θ - η m̂ / (√v̂ + ε)
    AMSGrad:  uses max(v̂ so far) so the effective step size never grows back.
    AdamW:    θ ← θ (1 - ηλ) before the Adam step: weight decay decoupled from the
              adaptive scaling (in Adam, λθ added to g gets divided by √v̂ too).
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.optim.optimizer import Optimizer


class Adagrad(Optimizer):
    """PyTorch's ``torch.optim.Adagrad``."""

    def __init__(self, params, lr: float = 1e-2, lr_decay: float = 0.0,
                 weight_decay: float = 0.0, initial_accumulator_value: float = 0.0,
                 eps: float = 1e-10, *, maximize: bool = False):
        if lr_decay < 0 or initial_accumulator_value < 0 or eps < 0:
            raise ValueError("lr_decay, initial_accumulator_value and eps must be >= 0")
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                                      initial_accumulator_value=initial_accumulator_value,
                                      eps=eps, maximize=maximize))

    def _update(self, p, grad, state, group):
        if not state:
            state["step"] = 0
            state["sum"] = np.full_like(p.data, group["initial_accumulator_value"])
        state["step"] += 1
        if group["weight_decay"]:
            grad = grad + group["weight_decay"] * p.data
        clr = group["lr"] / (1 + (state["step"] - 1) * group["lr_decay"])
        state["sum"] = state["sum"] + grad * grad
        p.data -= clr * (grad / (np.sqrt(state["sum"]) + group["eps"]))


class RMSprop(Optimizer):
    """PyTorch's ``torch.optim.RMSprop`` (alpha, eps, weight_decay, momentum, centered)."""

    def __init__(self, params, lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8,
                 weight_decay: float = 0.0, momentum: float = 0.0, centered: bool = False,
                 *, maximize: bool = False):
        if not alpha >= 0 or eps < 0 or momentum < 0:
            raise ValueError("alpha, eps and momentum must be >= 0")
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                                      momentum=momentum, centered=centered, maximize=maximize))

    def _update(self, p, grad, state, group):
        if not state:
            state["step"] = 0
            state["square_avg"] = np.zeros_like(p.data)
            if group["momentum"] > 0:
                state["momentum_buffer"] = np.zeros_like(p.data)
            if group["centered"]:
                state["grad_avg"] = np.zeros_like(p.data)
        state["step"] += 1
        if group["weight_decay"]:
            grad = grad + group["weight_decay"] * p.data
        alpha = group["alpha"]
        state["square_avg"] = alpha * state["square_avg"] + (1 - alpha) * (grad * grad)
        if group["centered"]:
            # Divide by the standard deviation of the gradient instead of its RMS.
            state["grad_avg"] = state["grad_avg"] + (1 - alpha) * (grad - state["grad_avg"])
            avg = np.sqrt(state["square_avg"] - state["grad_avg"] ** 2)
        else:
            avg = np.sqrt(state["square_avg"])
        avg = avg + group["eps"]
        if group["momentum"] > 0:
            state["momentum_buffer"] = group["momentum"] * state["momentum_buffer"] + grad / avg
            p.data -= group["lr"] * state["momentum_buffer"]
        else:
            p.data -= group["lr"] * (grad / avg)


def _check_betas(betas, eps) -> None:
    if not (0 <= betas[0] < 1 and 0 <= betas[1] < 1):
        raise ValueError(f"Invalid beta parameters: {betas} (each must be in [0, 1))")
    if eps < 0:
        raise ValueError(f"Invalid epsilon value: {eps}")


class Adam(Optimizer):
    """PyTorch's ``torch.optim.Adam`` (betas, eps, weight_decay as L2, amsgrad)."""

    _decoupled = False

    def __init__(self, params, lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, amsgrad: bool = False, *, maximize: bool = False):
        _check_betas(betas, eps)
        super().__init__(params, dict(lr=lr, betas=tuple(betas), eps=eps,
                                      weight_decay=weight_decay, amsgrad=amsgrad,
                                      maximize=maximize))

    def _update(self, p, grad, state, group):
        if not state:
            state["step"] = 0
            state["exp_avg"] = np.zeros_like(p.data)
            state["exp_avg_sq"] = np.zeros_like(p.data)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = np.zeros_like(p.data)
        state["step"] += 1
        t, lr, (b1, b2) = state["step"], group["lr"], group["betas"]
        if group["weight_decay"]:
            if self._decoupled:
                p.data *= 1 - lr * group["weight_decay"]
            else:
                grad = grad + group["weight_decay"] * p.data
        # In place, with one scratch buffer: the same operations in the same order as
        # the textbook form (so the results are bit for bit the same), but about half the
        # memory traffic, which is what an optimiser step over many parameters costs.
        m, v = state["exp_avg"], state["exp_avg_sq"]
        # An array even for a 0-d parameter (np.subtract would return a NumPy scalar,
        # which cannot serve as an ``out=`` buffer below).
        tmp = np.subtract(grad, m, out=np.empty(m.shape, np.result_type(grad, m)))
        tmp *= 1 - b1
        m += tmp                                   # m ← m + (1-β₁)(g - m)
        v *= b2
        np.multiply(grad, grad, out=tmp)
        tmp *= 1 - b2
        v += tmp                                   # v ← β₂ v + (1-β₂) g²
        step_size = lr / (1 - b1**t)
        bias_correction2_sqrt = math.sqrt(1 - b2**t)
        second = v
        if group["amsgrad"]:
            np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
            second = state["max_exp_avg_sq"]
        denom = np.sqrt(second, out=tmp)
        denom /= bias_correction2_sqrt
        denom += group["eps"]                      # √v / √(1-β₂ᵗ) + ε
        np.divide(m, denom, out=denom)
        denom *= step_size
        p.data -= denom


class AdamW(Adam):
    """PyTorch's ``torch.optim.AdamW``: Adam with decoupled weight decay (default 0.01)."""

    _decoupled = True

    def __init__(self, params, lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 1e-2, amsgrad: bool = False, *, maximize: bool = False):
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize)
