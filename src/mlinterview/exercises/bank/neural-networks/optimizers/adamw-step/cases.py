"""Cases for optimizers/adamw-step.

Expected values come from mlinterview.ml.optim.AdamW (its trajectories equal PyTorch's in
tests/parity/test_optim.py), resumed from the given moments; the first cases are worked by
hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor


def reference(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
              weight_decay=1e-2):
    p = Tensor(np.array(param, dtype=np.float64), requires_grad=True)
    p.grad = Tensor(np.array(grad, dtype=np.float64))
    opt = optim.AdamW([p], lr=lr, betas=(beta1, beta2), eps=eps, weight_decay=weight_decay)
    # Resume from the previous step's state, as PyTorch stores it.
    opt.state[id(p)] = {"step": t - 1, "exp_avg": np.array(m, dtype=np.float64),
                        "exp_avg_sq": np.array(v, dtype=np.float64)}
    opt.step()
    state = opt.state[id(p)]
    return p.data.copy(), state["exp_avg"].copy(), state["exp_avg_sq"].copy()


def _arr(*values):
    return np.array(values, dtype=np.float64)


def _random(rng, shape, t, scale, **kwargs):
    grad = rng.normal(scale=scale, size=shape)
    m = rng.normal(scale=scale, size=shape) * (1 - 0.9 ** (t - 1))
    v = rng.normal(scale=scale, size=shape) ** 2 * (1 - 0.999 ** (t - 1))
    return Case((rng.normal(scale=3.0, size=shape), grad, m, v, t), kwargs,
                note=f"shape {shape}, step {t}, gradient scale {scale:g}"
                     + (f", {kwargs}" if kwargs else ""))


def fixed():
    rng = np.random.default_rng(9)
    return [
        Case((_arr(1.0, -2.0), _arr(0.5, -4.0), _arr(0, 0), _arr(0, 0), 1),
             {"lr": 0.1, "eps": 0.0, "weight_decay": 0.5},
             note="first step, worked in the statement",
             expected=(_arr(0.85, -1.8), _arr(0.05, -0.4), _arr(0.00025, 0.016))),
        Case((_arr(3.0), _arr(0.0), _arr(0.0), _arr(0.0), 1), {"lr": 0.1, "weight_decay": 0.2},
             note="zero gradient: only the decay acts",
             expected=(_arr(2.94), _arr(0.0), _arr(0.0))),
        Case((_arr(2.0, -1.0), _arr(1.0, -1.0), _arr(0.0, 0.0), _arr(0.0, 0.0), 1),
             {"lr": 0.01, "eps": 0.0, "weight_decay": 0.0},
             note="weight_decay 0 is plain Adam",
             expected=(_arr(1.99, -0.99), _arr(0.1, -0.1), _arr(0.001, 0.001))),
        Case((_arr(5.0, 5.0), _arr(100.0, 1e-3), _arr(0, 0), _arr(0, 0), 1),
             {"lr": 0.1, "weight_decay": 1.0},
             note="large and tiny gradients decay alike (L2 through Adam would not)"),
        Case((_arr(-4.0), _arr(2.0), _arr(0.3), _arr(0.2), 50),
             {"lr": 0.05, "beta1": 0.5, "beta2": 0.9, "eps": 0.1, "weight_decay": 0.3},
             note="a late step with custom betas, a large eps and strong decay"),
        _random(rng, (2, 3), 2, 1.0, lr=0.2, weight_decay=0.1),
        _random(rng, (4,), 1000, 0.01),
    ]


def generated(rng):
    cases = []
    for k in range(24):
        shape = tuple(int(s) for s in rng.integers(1, 3 + k, size=int(rng.integers(1, 4))))
        t = int(rng.choice([1, 2, 3, 10, 100, 10_000]))
        kwargs = {"lr": float(rng.uniform(1e-3, 0.5)),
                  "weight_decay": float(rng.choice([0.0, 0.01, 0.1, 0.5, 2.0]))}
        if k % 3 == 1:
            kwargs |= {"beta1": float(rng.uniform(0.0, 0.99)),
                       "beta2": float(rng.uniform(0.5, 0.9999)),
                       "eps": float(10 ** rng.uniform(-10, -1))}
        cases.append(_random(rng, shape, t, float(10 ** rng.uniform(-4, 2)), **kwargs))
    return cases


SPEC = ExerciseSpec(
    function="adamw_step",
    # The reference folds the bias corrections into lr and eps (PyTorch's order of
    # operations); the textbook form differs by a few ulps.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
