"""Cases for optimizers/adam-step.

Expected values come from mlinterview.ml.optim.Adam (its 200-step trajectories equal
PyTorch's in tests/parity/test_optim.py), started from the given moments; the first cases
are worked by hand in the statement and below.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor


def reference(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    p = Tensor(np.array(param, dtype=np.float64), requires_grad=True)
    p.grad = Tensor(np.array(grad, dtype=np.float64))
    opt = optim.Adam([p], lr=lr, betas=(beta1, beta2), eps=eps)
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
    # Plausible moments after t − 1 steps of gradients of this size (v ≥ 0).
    done = 1 - 0.9 ** (t - 1)
    m = rng.normal(scale=scale, size=shape) * done
    v = (rng.normal(scale=scale, size=shape) ** 2) * (1 - 0.999 ** (t - 1))
    return Case((rng.normal(size=shape), grad, m, v, t), kwargs,
                note=f"shape {shape}, step {t}, gradient scale {scale:g}"
                     + (f", {kwargs}" if kwargs else ""))


def fixed():
    rng = np.random.default_rng(5)
    return [
        # t = 1 from zero moments: m̂ = g, v̂ = g², the step is lr·g/|g| with eps = 0.
        Case((_arr(1.0, -2.0), _arr(0.5, -4.0), _arr(0, 0), _arr(0, 0), 1),
             {"lr": 0.1, "eps": 0.0}, note="first step, worked in the statement",
             expected=(_arr(0.9, -1.9), _arr(0.05, -0.4), _arr(0.00025, 0.016))),
        # A constant gradient g = 1: after step 1, m = 0.1 and v = 0.001. At t = 2,
        # m = 0.19, v = 0.001999, m̂ = 0.19 / 0.19 = 1, v̂ = 0.001999 / 0.001999 = 1,
        # so the step is lr / (1 + eps).
        Case((_arr(0.0), _arr(1.0), _arr(0.1), _arr(0.001), 2), {"lr": 0.01},
             note="second step of a constant gradient: m̂ = v̂ = 1",
             expected=(_arr(-0.01 / (1 + 1e-8)), _arr(0.19), _arr(0.001999))),
        Case((_arr(3.0), _arr(0.0), _arr(0.0), _arr(0.0), 1),
             note="zero gradient from zero moments: eps keeps 0/0 away, nothing moves",
             expected=(_arr(3.0), _arr(0.0), _arr(0.0))),
        Case((_arr(1.0, 1.0), _arr(1e-4, -1e-4), _arr(0, 0), _arr(0, 0), 1), {"lr": 1.0},
             note="tiny gradients at step 1: where eps goes matters"),
        Case((_arr(0.5), _arr(2.0), _arr(0.3), _arr(0.2), 1000),
             {"lr": 0.01, "beta1": 0.5, "beta2": 0.9, "eps": 0.1},
             note="late step, custom betas and a large eps"),
        _random(rng, (3,), 2, 1.0),
        _random(rng, (2, 3), 10, 0.01),
        _random(rng, (4, 1, 2), 5000, 100.0, lr=0.05),
    ]


def generated(rng):
    cases = []
    for k in range(24):
        shape = tuple(int(s) for s in rng.integers(1, 3 + k, size=int(rng.integers(1, 4))))
        t = int(rng.choice([1, 2, 3, 10, 100, 10_000]))
        kwargs = {}
        if k % 3 == 1:
            kwargs = {"lr": float(rng.uniform(1e-4, 0.5)),
                      "beta1": float(rng.uniform(0.0, 0.99)),
                      "beta2": float(rng.uniform(0.5, 0.9999)),
                      "eps": float(10 ** rng.uniform(-10, -1))}
        cases.append(_random(rng, shape, t, float(10 ** rng.uniform(-5, 3)), **kwargs))
    return cases


SPEC = ExerciseSpec(
    function="adam_step",
    # The reference folds the bias corrections into lr and eps (PyTorch's order of
    # operations); a textbook solution differs by a few ulps.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
