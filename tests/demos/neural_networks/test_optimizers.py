"""The optimizers demos checked against closed forms, PyTorch and brute force."""

import math

import numpy as np
import pytest
import torch

from mlinterview.demos import registry
from mlinterview.demos.neural_networks.optimizers import (
    QUADRATIC_START,
    ROSENBROCK_START,
    TOLERANCE,
    online_adam,
    optimiser_settings,
    quadratic_matrix,
    rosenbrock,
    run_optimizer,
    steps_to_tolerance,
)
from mlinterview.ml.autograd import Tensor

TORCH = {"SGD": torch.optim.SGD, "Adagrad": torch.optim.Adagrad,
         "RMSprop": torch.optim.RMSprop, "Adam": torch.optim.Adam}


@pytest.fixture(scope="module")
def table():
    """The default run (about 3 s): shared by the slow tests below."""
    return registry()["optimizers"].run().result.table


def _rows(table):
    return {(r[0], r[1]): dict(zip(table.columns, r, strict=True)) for r in table.rows}


def _sgd_quadratic_loss(kappa, lr, t):
    """Closed form of plain gradient descent on ½ xᵀAx: each eigen-coordinate c_i is
    multiplied by (1 − lr λ_i) per step, so f_t = ½ Σ λ_i c_i² (1 − lr λ_i)^(2t)."""
    lam, vec = np.linalg.eigh(quadratic_matrix(kappa))
    c = vec.T @ np.array(QUADRATIC_START)
    t = np.asarray(t)[..., None]
    return 0.5 * (lam * c**2 * (1 - lr * lam) ** (2 * t)).sum(axis=-1)


@pytest.mark.slow
def test_sgd_on_the_quadratic_follows_the_closed_form(table):
    row = _rows(table)[("quadratic", "SGD")]
    kappa, lr = 50.0, 1 / 50.0
    assert row["lr"] == pytest.approx(lr)
    expected = _sgd_quadratic_loss(kappa, lr, 2000)
    assert row["final loss"] == pytest.approx(expected, rel=1e-3)  # the table keeps 4 digits
    # Steps to tolerance: the closed form decreases monotonically, so it is its first
    # crossing of 1e-6.
    curve = _sgd_quadratic_loss(kappa, lr, np.arange(2001))
    assert row[f"steps to loss < {TOLERANCE:g}"] == int(np.argmax(curve < TOLERANCE))
    # The whole loss curve of a short run, not just its end point.
    A = Tensor(quadratic_matrix(kappa))
    _, losses = run_optimizer(*optimiser_settings("quadratic", kappa)["SGD"],
                              lambda p: 0.5 * (p @ (A @ p)), QUADRATIC_START, 200)
    np.testing.assert_allclose(losses, curve[:201], rtol=1e-10)


def test_sgd_diverges_above_two_over_the_largest_curvature():
    # lr·λ_max > 2 makes |1 − lr λ_max| > 1: the slow direction is stable, the steep one not.
    rows = _rows(registry()["optimizers"].run(lr_scale=2.2, steps=300).result.table)
    assert rows[("quadratic", "SGD")][f"steps to loss < {TOLERANCE:g}"] == "> 300"
    assert not rows[("quadratic", "SGD")]["final loss"] < 1.0
    rows = _rows(registry()["optimizers"].run(lr_scale=1.9, steps=300).result.table)
    assert rows[("quadratic", "SGD")]["final loss"] < 1e-3


def _torch_path(name, options, problem, start, steps, kappa=50.0):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    cls = TORCH["Adam" if name == "AMSGrad" else name if name in TORCH else "SGD"]
    opt = cls([p], **options)
    A = torch.tensor(quadratic_matrix(kappa))
    path = [p.detach().clone().numpy()]
    for _ in range(steps):
        opt.zero_grad()
        if problem == "Rosenbrock":
            loss = (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
        else:
            loss = 0.5 * p @ (A @ p)
        loss.backward()
        opt.step()
        path.append(p.detach().clone().numpy())
    return np.array(path)


@pytest.mark.parametrize("problem", ["Rosenbrock", "quadratic"])
def test_every_trajectory_equals_pytorchs(problem):
    A = Tensor(quadratic_matrix(50.0))
    loss_fn = rosenbrock if problem == "Rosenbrock" else (lambda p: 0.5 * (p @ (A @ p)))
    start = ROSENBROCK_START if problem == "Rosenbrock" else QUADRATIC_START
    for name, (cls, options) in optimiser_settings(problem, 50.0).items():
        ours, _ = run_optimizer(cls, options, loss_fn, start, 100)
        theirs = _torch_path(name, options, problem, start, 100)
        # float64 throughout; 100 steps of the same arithmetic in a different order.
        np.testing.assert_allclose(ours, theirs, rtol=1e-8, atol=1e-10, err_msg=name)


@pytest.mark.slow
def test_rosenbrock_runs_reach_the_minimum_at_one_one(table):
    rows = _rows(table)
    for name in ("momentum", "Nesterov", "Adam", "AMSGrad"):
        assert rows[("Rosenbrock", name)]["distance to minimum"] < 1e-3, name
        assert rows[("Rosenbrock", name)]["final loss"] < 1e-6, name
    # Plain SGD at a stable lr is still crawling along the valley floor after 2000 steps.
    assert rows[("Rosenbrock", "SGD")]["distance to minimum"] > 0.05
    # f(x, y) ≥ 0 with equality only at (1, 1): the loss column is consistent.
    assert all(row["final loss"] >= 0 for row in rows.values())


def test_rosenbrock_loss_is_the_formula():
    p = Tensor(np.array([0.3, -0.7]))
    assert rosenbrock(p).item() == pytest.approx((1 - 0.3) ** 2 + 100 * (-0.7 - 0.09) ** 2)
    assert rosenbrock(Tensor(np.array([1.0, 1.0]))).item() == 0.0


@pytest.mark.slow
def test_momentum_beats_sgd_on_the_ill_conditioned_quadratic(table):
    rows = _rows(table)
    key = f"steps to loss < {TOLERANCE:g}"
    sgd, heavy = rows[("quadratic", "SGD")][key], rows[("quadratic", "momentum")][key]
    # Rates 1 − 1/κ vs about 1 − 2/√κ: with κ = 50, several times fewer steps.
    assert heavy * 4 < sgd


def test_steps_to_tolerance():
    assert steps_to_tolerance(np.array([1.0, 1e-7, 1.0, 1e-7, 1e-8])) == 3
    assert steps_to_tolerance(np.array([1e-7, 1e-8])) == 0
    assert steps_to_tolerance(np.array([1.0, 1e-7, 1.0])) is None
    assert steps_to_tolerance(np.array([1.0, np.nan])) is None


def _brute_force_regret(C, xs):
    coefs = np.where(np.arange(1, len(xs) + 1) % 3 == 1, C, -1.0)
    grid = np.linspace(-1, 1, 2001)
    best = (np.cumsum(coefs)[:, None] * grid[None, :]).min(axis=1)
    return np.cumsum(coefs * xs) - best


@pytest.mark.parametrize("C", [3.0, 10.0])
def test_adam_drifts_to_plus_one_and_amsgrad_to_the_optimum(C):
    xs_adam, reg_adam = online_adam(C, 3000, amsgrad=False)
    xs_ams, reg_ams = online_adam(C, 3000, amsgrad=True)
    assert xs_adam[-1] > 0.95 and xs_ams[-1] < -0.95
    # Staying at +1 costs 2(C − 2)/3 per step; Adam's average regret tends to that.
    assert reg_adam[-1] / 3000 == pytest.approx(2 * (C - 2) / 3, rel=0.02)
    assert reg_ams[-1] / 3000 < 0.03
    np.testing.assert_allclose(reg_adam, _brute_force_regret(C, xs_adam), atol=1e-9)
    np.testing.assert_allclose(reg_ams, _brute_force_regret(C, xs_ams), atol=1e-9)


def test_online_adam_equals_pytorchs_projected_adam():
    C, steps = 3.0, 60
    for amsgrad in (False, True):
        xs, _ = online_adam(C, steps, amsgrad=amsgrad)
        x = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.Adam([x], lr=0.5, betas=(0.0, 1 / (1 + C * C)), amsgrad=amsgrad)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: 1 / math.sqrt(k + 1))
        ref = []
        for t in range(1, steps + 1):
            ref.append(x.item())
            opt.zero_grad()
            (x * (C if t % 3 == 1 else -1.0)).sum().backward()
            opt.step()
            sched.step()
            with torch.no_grad():
                x.clamp_(-1, 1)
        np.testing.assert_allclose(xs, ref, rtol=1e-10, atol=1e-12)


@pytest.mark.slow
def test_amsgrad_demo_table():
    rows = {r[0]: r for r in registry()["optimizers/amsgrad"].run().result.table.rows}
    assert rows["Adam, β = (0, 1/(1+C²))"][1] > 0.95
    assert rows["AMSGrad, β = (0, 1/(1+C²))"][1] < -0.95
    # With PyTorch's default betas this particular problem is solved by both.
    assert rows["Adam, β = (0.9, 0.999)"][1] == pytest.approx(-1.0, abs=1e-3)


def test_a_perfectly_conditioned_quadratic_runs_and_the_sgd_family_agrees():
    # κ = 1 (the form's lower bound): the tuned momentum is 0, and Nesterov with zero
    # momentum was refused by SGD, a 500 page. Now it is plain SGD, as the theory says.
    table = registry()["optimizers"].run(kappa=1.0, steps=50).result.table
    rows = {(r[0], r[1]): r for r in table.rows}
    family = [rows[("quadratic", name)] for name in ("SGD", "momentum", "Nesterov")]
    assert family[0][2:] == family[1][2:] == family[2][2:]
    assert family[0][5] == 1  # lr = 1/L = 1 on the identity: the minimum in one step


def test_a_diverging_run_is_said_in_words_not_as_nan():
    summary = registry()["optimizers"].run(lr_scale=10.0, steps=50).result.summary
    assert "SGD diverges" in summary and "nan" not in summary.lower().split()
