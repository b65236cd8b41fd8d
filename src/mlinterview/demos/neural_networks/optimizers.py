"""Demos for optimizers: trajectories of every optimiser on Rosenbrock's valley and on an
ill-conditioned quadratic, and Reddi et al.'s convex problem where Adam fails and AMSGrad
does not.

Every run uses the library's optimisers (``mlinterview.ml.optim``, checked against
PyTorch in tests/parity/test_optim.py) on a parameter tensor whose gradient comes from the
autograd engine.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor, no_grad

ROSENBROCK_START = (-1.2, 1.0)
QUADRATIC_START = (-2.0, 1.5)
TOLERANCE = 1e-6


def rosenbrock(p: Tensor) -> Tensor:
    """f(x, y) = (1 − x)² + 100 (y − x²)² for p = (x, y); minimum 0 at (1, 1)."""
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def quadratic_matrix(kappa: float, angle_deg: float = 30.0) -> np.ndarray:
    """A = R diag(1, κ) Rᵀ (2, 2): eigenvalues 1 and κ, eigenvectors turned by ``angle_deg``
    so that the narrow direction is not a coordinate axis (per-coordinate methods get no
    free help)."""
    th = math.radians(angle_deg)
    rot = np.array([[math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]])
    return rot @ np.diag([1.0, float(kappa)]) @ rot.T


def optimiser_settings(problem: str, kappa: float) -> dict[str, tuple[type, dict]]:
    """Optimiser class and options for each method on one problem.

    On the quadratic the SGD family uses the textbook choices from L = κ (largest
    eigenvalue) and μ = 1: lr = 1/L for SGD and Nesterov (momentum (√κ−1)/(√κ+1)), Polyak's
    heavy-ball lr = 4/(√L+√μ)² with momentum ((√κ−1)/(√κ+1))². The adaptive methods and
    everything on Rosenbrock use the best learning rate of a coarse grid (1e-4 … 1) for
    steps to tolerance at κ = 50.
    """
    if problem == "quadratic":
        r = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
        sgd = {"lr": 1 / kappa}
        heavy = {"lr": 4 / (math.sqrt(kappa) + 1) ** 2, "momentum": r * r}
        # At κ = 1 the tuned momentum is 0 and Nesterov is plain SGD (SGD refuses
        # nesterov=True without momentum, as PyTorch's does).
        nesterov = {"lr": 1 / kappa, "momentum": r, "nesterov": r > 0}
        lrs = {"Adagrad": 1.0, "RMSprop": 2e-3, "Adam": 1.0, "AMSGrad": 0.5}
    else:
        sgd = {"lr": 2e-3}
        heavy = {"lr": 2e-3, "momentum": 0.9}
        nesterov = {"lr": 1e-3, "momentum": 0.9, "nesterov": True}
        lrs = {"Adagrad": 1.0, "RMSprop": 5e-3, "Adam": 0.1, "AMSGrad": 0.5}
    return {
        "SGD": (optim.SGD, sgd),
        "momentum": (optim.SGD, heavy),
        "Nesterov": (optim.SGD, nesterov),
        "Adagrad": (optim.Adagrad, {"lr": lrs["Adagrad"]}),
        "RMSprop": (optim.RMSprop, {"lr": lrs["RMSprop"]}),
        "Adam": (optim.Adam, {"lr": lrs["Adam"]}),
        "AMSGrad": (optim.Adam, {"lr": lrs["AMSGrad"], "amsgrad": True}),
    }


def run_optimizer(opt_class: type, options: dict, loss_fn, start, steps: int):
    """Minimise ``loss_fn`` from ``start`` for ``steps`` steps.

    Returns the path (steps + 1, 2) of parameter values and the loss at each of them
    (steps + 1,). A run that overflows is stopped and padded with NaN.
    """
    p = Tensor(np.array(start, dtype=np.float64), requires_grad=True)
    opt = opt_class([p], **options)
    path = np.full((steps + 1, 2), np.nan)
    losses = np.full(steps + 1, np.nan)
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            opt.zero_grad()
            loss = loss_fn(p)
            losses[t] = loss.item()
            if not np.isfinite(losses[t]):
                return path, losses
            loss.backward()
            opt.step()
            path[t + 1] = p.data
        with no_grad():
            losses[steps] = loss_fn(p).item()
    return path, losses


def steps_to_tolerance(losses: np.ndarray, tol: float = TOLERANCE) -> int | None:
    """The first step from which the loss stays below ``tol`` to the end (None if never)."""
    above = np.nonzero(~(losses < tol))[0]
    if not above.size:
        return 0
    first = int(above[-1]) + 1
    return first if first < len(losses) else None


@demo("optimizers", title="Optimiser trajectories on Rosenbrock and an ill-conditioned quadratic")
def trajectories(
    kappa: Param(float, lo=1.0, hi=1000.0,
                 help="Condition number of the quadratic (largest / smallest curvature).")
    = 50.0,
    steps: Param(int, lo=50, hi=10_000, help="Optimisation steps per run.") = 2000,
    lr_scale: Param(float, lo=0.01, hi=10.0,
                    help="Multiply every learning rate (above ~2 the SGD family diverges).")
    = 1.0,
) -> DemoResult:
    """Seven optimisers from the same start on two problems: the curved valley of
    Rosenbrock's function (minimum at (1, 1)) and a quadratic ½ xᵀAx whose curvatures differ
    by a factor κ (minimum at 0). The table reports the final loss, the distance to the
    minimum and the number of steps after which the loss stays below 1e-6."""
    A = quadratic_matrix(kappa)
    A_t = Tensor(A)
    problems = {
        "Rosenbrock": (rosenbrock, ROSENBROCK_START, np.array([1.0, 1.0])),
        "quadratic": (lambda p: 0.5 * (p @ (A_t @ p)), QUADRATIC_START, np.zeros(2)),
    }
    table = Table(["problem", "optimiser", "lr", "final loss", "distance to minimum",
                   f"steps to loss < {TOLERANCE:g}"])
    fig_paths, axes_paths = new_figure(2, width=5.0, height=4.2)
    fig_loss, axes_loss = new_figure(2, width=5.0, height=3.6)
    colours = dict(zip(optimiser_settings("quadratic", kappa),
                       ("#7f7f7f", "#1f77b4", "#17becf", "#2ca02c", "#9467bd", "#d62728",
                        "#ff7f0e"), strict=True))
    for (name, (loss_fn, start, minimum)), ax_p, ax_l in zip(
            problems.items(), axes_paths, axes_loss, strict=True):
        # Contours of the loss surface behind the paths.
        if name == "Rosenbrock":
            gx, gy = np.meshgrid(np.linspace(-2, 2, 200), np.linspace(-1, 3, 200))
            gz = (1 - gx) ** 2 + 100 * (gy - gx**2) ** 2
            levels = np.logspace(-1, 3.5, 14)
        else:
            r = 1.2 * np.hypot(*start)
            gx, gy = np.meshgrid(np.linspace(-r, r, 200), np.linspace(-r, r, 200))
            gz = 0.5 * (A[0, 0] * gx**2 + 2 * A[0, 1] * gx * gy + A[1, 1] * gy**2)
            levels = np.logspace(-3, math.log10(gz.max()), 14)
        ax_p.contour(gx, gy, gz, levels=levels, colors="#cccccc", linewidths=0.7)
        for opt_name, (cls, options) in optimiser_settings(name, kappa).items():
            options = {**options, "lr": options["lr"] * lr_scale}
            path, losses = run_optimizer(cls, options, loss_fn, start, steps)
            final = losses[-1]
            dist = float(np.linalg.norm(path[-1] - minimum))
            reach = steps_to_tolerance(losses)
            table.add(name, opt_name, float(f"{options['lr']:.4g}"), float(f"{final:.3e}"),
                      float(f"{dist:.3e}"), reach if reach is not None else f"> {steps}")
            ax_p.plot(path[:, 0], path[:, 1], lw=1, color=colours[opt_name], label=opt_name)
            # Clipped so that a diverging run (lr too large) stays plottable.
            ax_l.semilogy(np.clip(losses, 1e-30, 1e12), lw=1, color=colours[opt_name],
                          label=opt_name)
        ax_p.plot(*start, "ko", ms=4)
        ax_p.plot(*minimum, "k*", ms=9)
        ax_p.set_xlim(gx.min(), gx.max())
        ax_p.set_ylim(gy.min(), gy.max())
        title = "Rosenbrock" if name == "Rosenbrock" else f"quadratic, κ = {kappa:g}"
        ax_p.set_title(title)
        ax_l.set(title=title, xlabel="step", ylabel="loss (log scale)", ylim=(1e-30, None))
    axes_paths[0].legend(fontsize=7, loc="lower right")
    axes_loss[1].legend(fontsize=7, loc="upper right")

    rows = {(r[0], r[1]): r for r in table.rows}

    def ends(optimiser: str) -> str:
        """Where a run on Rosenbrock ended, in words: a diverged run has no distance."""
        d = rows[("Rosenbrock", optimiser)][4]
        return f"ends {d:.3g} from (1, 1)" if math.isfinite(d) else "diverges"

    summary = (
        f"On the quadratic (κ = {kappa:g}) plain SGD with lr = 1/L converges at the rate "
        f"1 − 1/κ per step and needs {rows[('quadratic', 'SGD')][5]} steps to reach "
        f"{TOLERANCE:g}; tuned momentum needs {rows[('quadratic', 'momentum')][5]} "
        f"(its rate is about 1 − 2/√κ) and Nesterov {rows[('quadratic', 'Nesterov')][5]}. "
        f"In Rosenbrock's curved valley, over {steps} steps, SGD {ends('SGD')}, momentum "
        f"{ends('momentum')} and Adam {ends('Adam')}. RMSprop, with a constant step of about lr "
        f"per coordinate and no decay, keeps hovering near the minimum instead of settling; "
        f"Adagrad's ever-growing denominator makes it slow down late. Learning rates were "
        f"chosen on a coarse grid; 'lr_scale' shows how sensitive each method is."
    )
    return DemoResult(figures={"trajectories": fig_paths, "loss": fig_loss}, table=table,
                      summary=summary)


def online_adam(C: float, steps: int, amsgrad: bool, lr: float = 0.5,
                betas: tuple[float, float] | None = None, x0: float = 0.0):
    """Reddi et al.'s online problem: f_t(x) = C·x when t ≡ 1 (mod 3), else −x, with x
    projected onto [−1, 1] after each step and the step size lr/√t.

    Default betas are the theorem's β₁ = 0, β₂ = 1/(1 + C²). Returns the iterates x_t
    (steps,) (the point at which f_t is evaluated) and the regret
    Σ f_t(x_t) − min_{x∈[−1,1]} Σ f_t(x) after each step (steps,).
    """
    betas = (0.0, 1.0 / (1.0 + C * C)) if betas is None else betas
    x = Tensor(np.array([x0], dtype=np.float64), requires_grad=True)
    opt = optim.Adam([x], lr=lr, betas=betas, amsgrad=amsgrad)
    sched = optim.lr_scheduler.LambdaLR(opt, lambda k: 1.0 / math.sqrt(k + 1))
    coefs = np.where(np.arange(1, steps + 1) % 3 == 1, float(C), -1.0)
    xs = np.empty(steps)
    for t in range(steps):
        opt.zero_grad()
        xs[t] = x.data[0]
        (x * float(coefs[t])).sum().backward()
        opt.step()
        sched.step()
        with no_grad():
            np.clip(x.data, -1.0, 1.0, out=x.data)  # projection onto the feasible set
    # The best fixed point in hindsight is ±1, whichever makes Σ c_t x smallest.
    cum = np.cumsum(coefs)
    regret = np.cumsum(coefs * xs) + np.abs(cum)
    return xs, regret


@demo("optimizers", name="amsgrad", title="A convex problem where Adam fails and AMSGrad does not")
def amsgrad_counterexample(
    C: Param(float, lo=2.5, hi=200.0, help="Size of the rare large gradient (needs C > 2).")
    = 3.0,
    steps: Param(int, lo=30, hi=30_000, help="Online steps T.") = 3000,
) -> DemoResult:
    """Reddi, Kale and Kumar (2018): the linear losses f_t(x) = C·x (every third step) and
    −x (otherwise) on x ∈ [−1, 1]. Their sum is minimised at x = −1, but with β₂ small Adam
    forgets the rare large gradient and drifts to x = +1; AMSGrad keeps the largest second
    moment seen and converges to −1. Also shown: the same problem with PyTorch's default
    betas (0.9, 0.999), which Adam solves; the theorem says a bad problem exists for any
    β₁ < √β₂, not that these betas fail on this one."""
    runs = {
        "Adam, β = (0, 1/(1+C²))": online_adam(C, steps, amsgrad=False),
        "AMSGrad, β = (0, 1/(1+C²))": online_adam(C, steps, amsgrad=True),
        "Adam, β = (0.9, 0.999)": online_adam(C, steps, amsgrad=False, betas=(0.9, 0.999)),
        "AMSGrad, β = (0.9, 0.999)": online_adam(C, steps, amsgrad=True,
                                                 betas=(0.9, 0.999)),
    }
    table = Table(["run", "final x", "mean x over the last third", "regret R_T",
                   "average regret R_T / T"])
    fig, (ax_x, ax_r) = new_figure(2, width=5.0, height=3.6)
    for (name, (xs, regret)), colour in zip(
            runs.items(), ("#d62728", "#1f77b4", "#ff7f0e", "#17becf"), strict=True):
        tail = xs[-max(1, steps // 3):]
        table.add(name, round(float(xs[-1]), 4), round(float(tail.mean()), 4),
                  round(float(regret[-1]), 3), round(float(regret[-1] / steps), 4))
        ls = "-" if "(0," in name else "--"
        ax_x.plot(np.arange(1, steps + 1), xs, lw=1, ls=ls, color=colour, label=name)
        ax_r.plot(np.arange(1, steps + 1), regret / np.arange(1, steps + 1), lw=1, ls=ls,
                  color=colour, label=name)
    ax_x.axhline(-1, color="k", lw=0.8, ls=":")
    ax_x.set(xlabel="step t", ylabel="x_t", title="Iterate (optimum x* = −1)", ylim=(-1.1, 1.1))
    ax_r.set(xlabel="step t", ylabel="R_t / t", title="Average regret", xscale="log")
    ax_x.legend(fontsize=7, loc="center right")
    bad = table.rows[0]
    good = table.rows[1]
    summary = (
        f"With C = {C:g}, three steps add up to (C − 2)·x, so the best fixed point is x = −1 "
        f"and staying at +1 costs 2(C − 2)/3 = {2 * (C - 2) / 3:.3f} per step. With β₂ = "
        f"1/(1 + C²) Adam's second moment forgets the rare gradient C within a step: that "
        f"step and the two −1 steps all move x by about the same lr, so the net drift is "
        f"towards +1. Adam ends at x = {bad[1]} with average regret {bad[4]}, which does not "
        f"go to 0; AMSGrad divides by the largest second moment seen (≈ C²), shrinks the −1 "
        f"steps by C and ends at x = {good[1]} with average regret {good[4]}."
    )
    return DemoResult(figures={"iterates": fig}, table=table, summary=summary)
