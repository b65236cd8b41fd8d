"""Demos for activations: each function with the derivative our autograd computes for it,
and softmax at several temperatures."""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

FUNCTIONS = {
    "ReLU": F.relu,
    "leaky ReLU (0.1)": lambda x: F.leaky_relu(x, 0.1),
    "ELU": F.elu,
    "GELU": F.gelu,
    "SiLU": F.silu,
    "sigmoid": F.sigmoid,
    "tanh": F.tanh,
    "softplus": F.softplus,
}


def value_and_derivative(fn, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f(x) and f'(x) on a grid, the derivative taken by backpropagation.

    The function is elementwise, so the gradient of sum(f(x)) is f'(x) at every point.
    """
    t = Tensor(x, requires_grad=True)
    y = fn(t)
    y.sum().backward()
    return y.data, t.grad.data


@demo("activations", title="Activation functions and their derivatives")
def activations(
    limit: Param(float, lo=1.0, hi=20.0, help="Plot x in [-limit, limit].") = 5.0,
    depth: Param(int, lo=1, hi=50, help="Layers for the 'gradient after n layers' column.") = 10,
) -> DemoResult:
    """Every common activation and its derivative (computed by our autograd, not by hand),
    with the numbers that explain vanishing gradients: the largest slope, and the best
    case of the slope multiplied over ``depth`` layers."""
    x = np.linspace(-limit, limit, 801)
    fig_f, ax_f = new_figure(width=6.4)
    fig_d, ax_d = new_figure(width=6.4)
    table = Table(["function", "f(0)", "f'(0)", "max f'", "f'(-3)",
                   f"(max f')^{depth}"])
    for name, fn in FUNCTIONS.items():
        y, dy = value_and_derivative(fn, x)
        ax_f.plot(x, y, label=name)
        ax_d.plot(x, dy, label=name)
        (f0,), (d0,) = value_and_derivative(fn, np.array([0.0]))
        _, (dm3,) = value_and_derivative(fn, np.array([-3.0]))
        peak = float(dy.max())
        table.add(name, round(float(f0), 4), round(float(d0), 4), round(peak, 4),
                  round(float(dm3), 4), f"{peak**depth:.3g}")
    ax_f.set(title="Activation functions", xlabel="x", ylabel="f(x)", ylim=(-1.5, limit))
    ax_d.set(title="Their derivatives (by backpropagation)", xlabel="x", ylabel="f'(x)",
             ylim=(-0.2, 1.3))
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="#999999", lw=0.8)
        ax.axvline(0, color="#999999", lw=0.8)
        ax.legend(fontsize=8, loc="upper left")
    summary = (
        f"The sigmoid's slope never exceeds 0.25, so even in the best case a gradient passing "
        f"through {depth} sigmoid layers shrinks by 0.25^{depth} = {0.25**depth:.2g}; tanh "
        f"peaks at 1 but only at x = 0. ReLU's slope is exactly 1 for every positive input "
        f"and exactly 0 for every negative one (a unit that is always negative is dead); "
        f"leaky ReLU, ELU, GELU and SiLU keep some gradient for x < 0.")
    return DemoResult(figures={"functions": fig_f, "derivatives": fig_d}, table=table,
                      summary=summary)


@demo("activations", name="softmax-temperature", title="Softmax and temperature")
def softmax_temperature(
    temperature: Param(float, lo=0.05, hi=20.0, help="Divide the logits by this.") = 1.0,
    spread: Param(float, lo=0.0, hi=1000.0, help="Scale of the logits.") = 3.0,
) -> DemoResult:
    """Softmax of fixed logits at several temperatures, and why the max is subtracted:
    at a large ``spread`` the naive formula overflows while ours stays exact."""
    base = np.array([2.0, 1.0, 0.5, 0.0, -1.0])
    logits = base * spread
    temps = sorted({0.25, 0.5, 1.0, 2.0, 5.0, float(temperature)})
    fig, ax = new_figure(width=6.4)
    width = 0.8 / len(temps)
    table = Table(["temperature", *[f"p{i}" for i in range(len(base))], "entropy (nats)"])
    for k, t in enumerate(temps):
        p = F.softmax(Tensor(logits / t), dim=0).data
        ax.bar(np.arange(len(base)) + (k - len(temps) / 2) * width, p, width, label=f"T = {t:g}")
        entropy = abs(float(-(p * np.log(np.where(p > 0, p, 1))).sum()))  # no "-0.0"
        table.add(t, *(round(float(v), 4) for v in p), round(entropy, 4))
    ax.set(title=f"softmax(logits / T), logits = {np.round(logits, 2).tolist()}",
           xlabel="class", ylabel="probability")
    ax.legend(fontsize=8)
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.exp(logits / temperature)
        naive = z / z.sum()
    stable = F.softmax(Tensor(logits / temperature), dim=0).data
    naive_ok = bool(np.isfinite(naive).all())
    summary = (
        f"Low temperatures sharpen the distribution towards the largest logit, high ones "
        f"flatten it towards uniform (entropy log 5 = {np.log(5):.3f}). At T = {temperature:g} "
        f"and spread {spread:g} the naive exp(x)/Σexp(x) is "
        f"{'finite' if naive_ok else 'NaN (exp overflowed)'}; subtracting the max first gives "
        f"{np.round(stable, 4).tolist()}.")
    return DemoResult(figures={"temperature": fig}, table=table, summary=summary)
