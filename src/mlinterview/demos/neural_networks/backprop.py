"""Demos for backprop: one neuron's computation graph with its local derivatives and the
backward pass, and what a backward pass saves over finite differences."""

from __future__ import annotations

import itertools

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.autograd.gradcheck import numerical_jacobian


def neuron_graph(x: float, w: float, b: float, y: float) -> dict[str, dict[str, float]]:
    """Forward and backward through L = (σ(w·x + b) − y)² with our autograd.

    Returns, per node, its value, its local derivative with respect to its input on the
    path to w, and dL/d(node) as autograd computed it (``retain_grad`` on the inner nodes).
    """
    tw = Tensor(np.array(w), requires_grad=True)
    tb = Tensor(np.array(b), requires_grad=True)
    z = tw * x + tb
    a = z.sigmoid()
    d = a - y
    loss = d * d
    for t in (z, a, d):
        t.retain_grad()
    loss.backward()
    s = float(a.data)
    return {
        "w": {"value": w, "local": x, "grad": float(tw.grad.data)},
        "b": {"value": b, "local": 1.0, "grad": float(tb.grad.data)},
        "z = w·x + b": {"value": float(z.data), "local": s * (1 - s), "grad": float(z.grad.data)},
        "a = σ(z)": {"value": s, "local": 1.0, "grad": float(a.grad.data)},
        "d = a − y": {"value": float(d.data), "local": 2 * float(d.data),
                      "grad": float(d.grad.data)},
        "L = d²": {"value": float(loss.data), "local": 1.0, "grad": 1.0},
    }


@demo("backprop", title="A computation graph and its backward pass")
def backprop_graph(
    x: Param(float, lo=-5.0, hi=5.0, help="The input.") = 1.5,
    w: Param(float, lo=-5.0, hi=5.0, help="The weight.") = 0.8,
    b: Param(float, lo=-5.0, hi=5.0, help="The bias.") = -0.5,
    y: Param(float, lo=0.0, hi=1.0, help="The target.") = 1.0,
) -> DemoResult:
    """L = (σ(w·x + b) − y)²: the forward values, each node's local derivative, and the
    gradients the backward pass produces, checked against the chain rule by hand and
    against finite differences."""
    nodes = neuron_graph(x, w, b, y)
    # The chain rule written out by hand, to compare with what autograd produced.
    d = nodes["d = a − y"]["value"]
    s = nodes["a = σ(z)"]["value"]
    by_hand_w = 2 * d * s * (1 - s) * x
    eps = 1e-6

    def loss_at(wv, bv):
        return (1 / (1 + np.exp(-(wv * x + bv))) - y) ** 2

    fd_w = (loss_at(w + eps, b) - loss_at(w - eps, b)) / (2 * eps)
    fd_b = (loss_at(w, b + eps) - loss_at(w, b - eps)) / (2 * eps)

    table = Table(["node", "value", "d(next node)/d(node)", "dL/d(node) (autograd)"])
    for name, info in nodes.items():
        table.add(name, round(info["value"], 6), round(info["local"], 6), round(info["grad"], 6))
    table.add("dL/dw by hand: 2d·σ(1−σ)·x", "", "", round(by_hand_w, 6))
    table.add("dL/dw finite differences", "", "", round(float(fd_w), 6))
    table.add("dL/db finite differences", "", "", round(float(fd_b), 6))

    fig, ax = new_figure(width=7.5, height=3.2)
    ax.axis("off")
    positions = {"w": (0.05, 0.75), "b": (0.05, 0.2), "z = w·x + b": (0.3, 0.5),
                 "a = σ(z)": (0.52, 0.5), "d = a − y": (0.72, 0.5), "L = d²": (0.92, 0.5)}
    edges = [("w", "z = w·x + b"), ("b", "z = w·x + b"), ("z = w·x + b", "a = σ(z)"),
             ("a = σ(z)", "d = a − y"), ("d = a − y", "L = d²")]
    for src, dst in edges:
        ax.annotate("", xy=positions[dst], xytext=positions[src],
                    arrowprops={"arrowstyle": "->", "color": "#555555", "shrinkA": 28,
                                "shrinkB": 28})
    for name, (px, py) in positions.items():
        info = nodes[name]
        ax.text(px, py, f"{name}\nvalue {info['value']:.3f}\ngrad {info['grad']:.3f}",
                ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round", "fc": "#eef4fb", "ec": "#1f77b4"})
    ax.set_title("Forward values (left to right), gradients pushed back (right to left)")
    ax.set_xlim(-0.05, 1.02)
    ax.set_ylim(0, 1)

    summary = (
        f"Backward starts with dL/dL = 1 and multiplies by each local derivative on the way "
        f"back: dL/dw = 2d · σ(z)(1−σ(z)) · x = {by_hand_w:.6f}, which is what autograd "
        f"stored in w.grad ({nodes['w']['grad']:.6f}) and what finite differences give "
        f"({fd_w:.6f}). dL/db uses the same product without the factor x.")
    return DemoResult(figures={"graph": fig}, table=table, summary=summary)


@demo("backprop", name="cost", title="One backward pass versus finite differences")
def backprop_cost(
    width: Param(int, lo=2, hi=64, help="Hidden units per layer.") = 16,
    depth: Param(int, lo=1, hi=6, help="Hidden layers.") = 3,
    seed: int = 0,
) -> DemoResult:
    """How many passes each method needs for the full gradient of a small MLP, and how
    closely they agree: finite differences need two forward passes per parameter,
    backpropagation one forward and one backward pass in total."""
    rng = np.random.default_rng(seed)
    layers: list[nn.Module] = []
    sizes = [4] + [width] * depth
    for n_in, n_out in itertools.pairwise(sizes):
        layers += [nn.Linear(n_in, n_out, generator=rng), nn.Tanh()]
    model = nn.Sequential(*layers, nn.Linear(width, 1, generator=rng)).double()
    X = Tensor(rng.normal(size=(8, 4)))
    y = Tensor(rng.normal(size=(8, 1)))
    params = list(model.parameters())
    n_params = sum(p.numel() for p in params)

    loss = nn.functional.mse_loss(model(X), y)
    loss.backward()
    backprop = np.concatenate([p.grad.data.ravel() for p in params])

    def loss_of(*_):
        return nn.functional.mse_loss(model(X), y)

    numeric = np.concatenate([j[0].ravel() for j in numerical_jacobian(loss_of, params)[0]])
    err = np.abs(numeric - backprop)

    # Matrix-multiply FLOPs: forward X·W per layer; backward dX = dZ·Wᵀ and dW = Xᵀ·dZ.
    batch = X.shape[0]
    dims = [*sizes, 1]
    fwd = sum(2 * batch * a * b for a, b in itertools.pairwise(dims))
    table = Table(["method", "passes for the full gradient", "matmul FLOPs", "max |error|"])
    table.add("backpropagation", "1 forward + 1 backward", 3 * fwd, "reference")
    table.add("central differences", f"{2 * n_params} forward", 2 * n_params * fwd,
              f"{err.max():.2e}")

    fig, ax = new_figure(width=5.0, height=4.0)
    ax.scatter(backprop, numeric, s=8)
    lim = float(np.abs(backprop).max()) * 1.1
    ax.plot([-lim, lim], [-lim, lim], color="#999999", lw=0.8)
    ax.set(xlabel="dL/dθ by backpropagation", ylabel="dL/dθ by central differences",
           title=f"All {n_params} parameters agree")
    summary = (
        f"The network has {n_params} parameters. Finite differences need {2 * n_params} "
        f"forward passes ({2 * n_params * fwd:,} FLOPs); backpropagation gets the same "
        f"gradient (largest difference {err.max():.1e}) from one forward and one backward "
        f"pass ({3 * fwd:,} FLOPs): the backward costs about two forwards, whatever the "
        f"number of parameters.")
    return DemoResult(figures={"agreement": fig}, table=table, summary=summary)
