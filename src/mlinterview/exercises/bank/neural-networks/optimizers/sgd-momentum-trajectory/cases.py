"""Cases for optimizers/sgd-momentum-trajectory.

Expected values come from mlinterview.ml.optim.SGD (its trajectories equal PyTorch's in
tests/parity/test_optim.py, momentum, dampening, Nesterov and weight decay included; it
also raises the ValueErrors), fed the gradient A theta - b at every step. The first cases
are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor


def reference(theta0, A, b, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,
              nesterov=False):
    p = Tensor(np.array(theta0, dtype=np.float64), requires_grad=True)
    opt = optim.SGD([p], lr=lr, momentum=momentum, dampening=dampening,
                    weight_decay=weight_decay, nesterov=nesterov)
    A, b = np.asarray(A, dtype=np.float64), np.asarray(b, dtype=np.float64)
    path = [p.data.copy()]
    for _ in range(steps):
        p.grad = Tensor(A @ p.data - b)
        opt.step()
        path.append(p.data.copy())
    return np.array(path)


def _spd(rng, d, cond):
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (q * np.geomspace(1.0, cond, d)) @ q.T


def _random(rng, d, steps, **kwargs):
    cond = float(rng.choice([1.0, 10.0, 100.0]))
    A = _spd(rng, d, cond)
    lr = float(rng.uniform(0.1, 1.5)) / cond
    return Case((rng.normal(size=d), A, rng.normal(size=d), steps, lr), kwargs,
                note=f"d={d}, condition {cond:g}, {steps} steps, lr {lr:.3g}, {kwargs}")


def fixed():
    one, zero, start = np.array([[1.0]]), np.array([0.0]), np.array([1.0])
    rng = np.random.default_rng(23)
    return [
        Case((start, one, zero, 3, 0.5), {"momentum": 0.5}, note="momentum 0.5, by hand",
             expected=np.array([[1.0], [0.5], [0.0], [-0.25]])),
        Case((start, one, zero, 3, 0.5), {"momentum": 0.5, "nesterov": True},
             note="Nesterov, by hand",
             expected=np.array([[1.0], [0.25], [-0.0625], [-0.109375]])),
        Case((start, one, zero, 3, 0.5), {"momentum": 0.5, "dampening": 0.5},
             note="dampening: not applied to the first buffer",
             expected=np.array([[1.0], [0.5], [0.125], [-0.09375]])),
        Case((start, one, zero, 2, 0.5), {"dampening": 0.5},
             note="dampening without momentum: no buffer, plain SGD",
             expected=np.array([[1.0], [0.5], [0.25]])),
        Case((start, one, zero, 2, 0.5), {"weight_decay": 1.0},
             note="weight decay 1 doubles the gradient here",
             expected=np.array([[1.0], [0.0], [0.0]])),
        Case((np.array([2.0, -1.0]), np.eye(2), np.array([1.0, 1.0]), 0, 0.1),
             note="zero steps: only the start", expected=np.array([[2.0, -1.0]])),
        Case((start, one, zero, 3, 0.5), {"momentum": 0.5, "dampening": 0.1, "nesterov": True},
             note="Nesterov with dampening is refused", raises="ValueError"),
        Case((start, one, zero, 3, 0.5), {"nesterov": True},
             note="Nesterov without momentum is refused", raises="ValueError"),
        Case((start, one, zero, 3, 0.5), {"momentum": -0.1}, note="negative momentum",
             raises="ValueError"),
        Case((np.array([1.0, 1.0]), np.diag([1.0, 100.0]), np.zeros(2), 30, 0.015),
             {"momentum": 0.9}, note="ill-conditioned: momentum speeds up the flat direction"),
        _random(rng, 3, 20, momentum=0.9, nesterov=True, weight_decay=0.1),
        _random(rng, 4, 15, momentum=0.7, dampening=0.3, weight_decay=0.05),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        d = int(rng.integers(1, 6))
        steps = int(rng.integers(1, 10 + 2 * i))
        kind = i % 6
        kwargs = {}
        if kind >= 1:
            kwargs["momentum"] = float(rng.choice([0.5, 0.9, 0.99]))
        if kind == 2:
            kwargs["nesterov"] = True
        if kind in (3, 5):
            kwargs["dampening"] = float(rng.uniform(0.1, 0.9))
        if kind in (0, 4, 5) or i % 4 == 0:
            kwargs["weight_decay"] = float(rng.uniform(0.01, 0.5))
        cases.append(_random(rng, d, steps, **kwargs))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="sgd_trajectory",
    # The same float64 operations in a possibly different order, compounded over up to ~60
    # steps of a contraction: relative differences stay around 1e-13.
    compare=AllClose(rtol=1e-8, atol=1e-11),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
