"""Numeric quick-check answers of the neural-network cards optimizers, backprop, activations,
vanishing-gradients, recurrent-networks, mixed-precision-gradient-clipping and kan,
recomputed from the library (or NumPy where the library has nothing to say).

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number; the shared
test compares it with the card's ``answer`` within the card's ``tolerance``.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import nn, optim
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.models.kan import KANLinear, count_parameters
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.utils import clip_grad_norm_

# ---------------------------------------------------------------------------------------
# optimizers
# ---------------------------------------------------------------------------------------


def _first_adam_step(gradient: float, lr: float = 1e-3) -> float:
    """|Δw| of the library's Adam (default betas and eps) on its first step."""
    w = Tensor(np.array([0.5]), requires_grad=True)
    opt = optim.Adam([w], lr=lr)
    w.grad = Tensor(np.array([gradient]))
    opt.step()
    return abs(float(w.data[0]) - 0.5)


def _first_moment_fraction(beta1: float = 0.9, gradient: float = 3.0) -> float:
    """m after one Adam step divided by the gradient, read from the optimiser's state."""
    w = Tensor(np.array([1.0]), requires_grad=True)
    opt = optim.Adam([w], lr=1e-3, betas=(beta1, 0.999))
    w.grad = Tensor(np.array([gradient]))
    opt.step()
    return float(opt.state[id(w)]["exp_avg"][0]) / gradient


def _gd_diverges(lr: float, curvature: float = 50.0, steps: int = 200) -> bool:
    """Does the library's SGD on ½·curvature·x² (gradient from autograd) move away from 0?"""
    x = Tensor(np.array([1.0]), requires_grad=True)
    opt = optim.SGD([x], lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        (0.5 * curvature * (x * x)).sum().backward()
        opt.step()
        if abs(float(x.data[0])) > 1.0:  # stop before a diverging run overflows
            return True
    return False


def _largest_stable_lr() -> float:
    """Bisection on the learning rate between converging and diverging runs."""
    lo, hi = 1e-4, 1.0
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if _gd_diverges(mid) else (mid, hi)
    return 0.5 * (lo + hi)


def _adam_mixed_precision_gb(n_params: int = 10**9) -> float:
    """Bytes per parameter for Adam in mixed precision, counted from the arrays involved:
    the library's Adam state for a float32 master copy (m and v), the master weights, and
    16-bit weights and gradients; times 10⁹ parameters, in GB (10⁹ bytes)."""
    n = 1000
    master = Tensor(np.zeros(n, dtype=np.float32), requires_grad=True)
    opt = optim.Adam([master], lr=1e-3)
    master.grad = Tensor(np.ones(n, dtype=np.float32))
    opt.step()
    state = opt.state[id(master)]
    state_bytes = state["exp_avg"].nbytes + state["exp_avg_sq"].nbytes
    half = np.zeros(n, dtype=np.float16)
    per_param = (state_bytes + master.data.nbytes + half.nbytes + half.nbytes) / n
    return per_param * n_params / 1e9


# ---------------------------------------------------------------------------------------
# backprop
# ---------------------------------------------------------------------------------------


def _square_of_three_w_grad(w: float = 2.0) -> float:
    """dL/dw of L = (3w)² by the library's backward pass."""
    tw = Tensor(np.array(w), requires_grad=True)
    u = 3.0 * tw
    (u * u).backward()
    return float(tw.grad.data)


def _neuron_grad(x: float = 1.0, w: float = 0.0, b: float = 0.0, y: float = 1.0) -> float:
    """dL/dw of L = (σ(w·x + b) − y)² by the library's backward pass."""
    tw = Tensor(np.array(w), requires_grad=True)
    tb = Tensor(np.array(b), requires_grad=True)
    d = (tw * x + tb).sigmoid() - y
    (d * d).backward()
    return float(tw.grad.data)


# ---------------------------------------------------------------------------------------
# activations
# ---------------------------------------------------------------------------------------


def _sigmoid_largest_slope() -> float:
    """The largest derivative of the library's sigmoid on a grid that contains 0,
    differentiated by backpropagation."""
    x = Tensor(np.linspace(-8.0, 8.0, 16001), requires_grad=True)
    F.sigmoid(x).sum().backward()
    return float(x.grad.data.max())


def _softmax_first(logits, temperature: float) -> float:
    """Probability of the first class under the library's softmax at a temperature."""
    z = Tensor(np.asarray(logits, dtype=np.float64)) / temperature
    return float(F.softmax(z, dim=0).data[0])


# ---------------------------------------------------------------------------------------
# vanishing-gradients
# ---------------------------------------------------------------------------------------


def _he_variance(fan_in: int = 512) -> float:
    """The variance kaiming_normal_ uses for a ReLU Linear layer: its gain² / fan_in, the
    gain from the library's calculate_gain and fan_in from the layer's weight shape."""
    layer = nn.Linear(fan_in, 64, generator=np.random.default_rng(0))
    gain = nn.init.calculate_gain("relu")
    return gain**2 / layer.weight.shape[1]


def _relu_second_moment_kept() -> float:
    """E[relu(x)²] / E[x²] on an exactly symmetric sample, through the library's relu."""
    z = np.random.default_rng(0).normal(size=10_000)
    x = Tensor(np.concatenate([z, -z]))
    kept = F.relu(x).data
    return float((kept**2).sum() / (x.data**2).sum())


# ---------------------------------------------------------------------------------------
# recurrent-networks
# ---------------------------------------------------------------------------------------


def _parameter_count(layer: nn.Module) -> int:
    return int(sum(p.numel() for p in layer.parameters()))


def _rnn_gradient_factor(weight: float = 0.9, steps: int = 50) -> float:
    """∂h_T/∂h_0 of the library's one-unit tanh RNNCell with recurrent weight ``weight``,
    zero input weight and biases, from h_0 = 0, by backpropagation through the steps."""
    cell = nn.RNNCell(1, 1, dtype=np.float64)
    cell.weight_hh.data[...] = weight
    for p in (cell.weight_ih, cell.bias_ih, cell.bias_hh):
        p.data[...] = 0.0
    h0 = Tensor(np.zeros((1, 1)), requires_grad=True)
    x = Tensor(np.zeros((1, 1)))
    h = h0
    for _ in range(steps):
        h = cell(x, h)
    h.sum().backward()
    return float(h0.grad.data[0, 0])


# ---------------------------------------------------------------------------------------
# mixed-precision-gradient-clipping
# ---------------------------------------------------------------------------------------


def _smallest_scale_exponent(gradient: float = 1e-9) -> int:
    """The smallest k for which gradient · 2^k, stored in NumPy's float16, is a normal
    float16 (at least float16's smallest normal number)."""
    smallest_normal = np.finfo(np.float16).smallest_normal
    k = 0
    while np.float16(gradient * 2.0**k) < smallest_normal:
        k += 1
    return k


def _clip_factor() -> float:
    """The factor the library's clip_grad_norm_(max_norm=2.5) applies to gradients
    [3, 0] and [4] (the 1e-6 of the formula moves it by 1e-7)."""
    a = Tensor(np.zeros(2), requires_grad=True)
    b = Tensor(np.zeros(1), requires_grad=True)
    a.grad = Tensor(np.array([3.0, 0.0]))
    b.grad = Tensor(np.array([4.0]))
    clip_grad_norm_([a, b], max_norm=2.5)
    return float(b.grad.data[0]) / 4.0


def _e4m3_max() -> float:
    """Largest finite FP8 E4M3 ("fn") value. Neither our library nor NumPy has FP8, so the
    reference is PyTorch's finfo (torch is pinned for the parity tests)."""
    import torch

    return float(torch.finfo(torch.float8_e4m3fn).max)


# ---------------------------------------------------------------------------------------
# kan
# ---------------------------------------------------------------------------------------


def _kan_parameters(n_in: int, n_out: int, grid_size: int = 5, order: int = 3) -> int:
    """Parameters of the library's KANLinear (one base weight and G + k spline
    coefficients per edge)."""
    layer = KANLinear(n_in, n_out, grid_size=grid_size, spline_order=order,
                      generator=np.random.default_rng(0))
    return count_parameters(layer)


ANSWERS = {
    "kan/params-per-edge": lambda: _kan_parameters(1, 1),
    "kan/layer-params": lambda: _kan_parameters(10, 10),
    "mixed-precision-gradient-clipping/scale-exponent": _smallest_scale_exponent,
    "mixed-precision-gradient-clipping/clip-factor": _clip_factor,
    "mixed-precision-gradient-clipping/e4m3-max": _e4m3_max,
    "recurrent-networks/lstm-params": lambda: _parameter_count(nn.LSTM(10, 20)),
    "recurrent-networks/gru-params": lambda: _parameter_count(nn.GRU(10, 20)),
    "recurrent-networks/rnn-gradient": _rnn_gradient_factor,
    "vanishing-gradients/he-variance": _he_variance,
    "vanishing-gradients/relu-second-moment": _relu_second_moment_kept,
    "activations/sigmoid-max-slope": _sigmoid_largest_slope,
    "activations/temperature": lambda: _softmax_first([2.0, 0.0], 2.0),
    "backprop/chain-rule": _square_of_three_w_grad,
    "backprop/neuron-grad": _neuron_grad,
    "optimizers/first-adam-step": lambda: _first_adam_step(1000.0),
    "optimizers/bias-correction": lambda: _first_moment_fraction(0.9),
    "optimizers/max-stable-lr": _largest_stable_lr,
    "optimizers/adam-memory": _adam_mixed_precision_gb,
}
