"""Cases for mixed-precision-gradient-clipping/dynamic-loss-scale.

Expected values come from mlinterview.ml.amp.GradScaler (checked against
torch.amp.GradScaler in tests/parity/test_amp.py): for each step the gradients are put on
parameters of an optimiser, the scale is read, ``unscale_`` records whether any was
inf/NaN, then ``step`` and ``update``. The first cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import optim
from mlinterview.ml.amp import GradScaler
from mlinterview.ml.autograd import Tensor


def reference(grads_per_step, init_scale=65536.0, growth_factor=2.0, backoff_factor=0.5,
              growth_interval=2000):
    scaler = GradScaler(init_scale, growth_factor, backoff_factor, growth_interval)
    scales, applied = [], []
    for grads in grads_per_step:
        params = []
        for g in grads:
            p = Tensor(np.zeros(np.shape(g), dtype=np.float32), requires_grad=True)
            p.grad = Tensor(np.array(g))
            params.append(p)
        if not params:  # a step without gradients: an optimiser still needs a parameter
            params = [Tensor(np.zeros(1, dtype=np.float32), requires_grad=True)]
        opt = optim.SGD(params, lr=0.0)
        scales.append(scaler.get_scale())
        scaler.unscale_(opt)
        applied.append(not scaler._state(opt)["found_inf"])
        scaler.step(opt)
        scaler.update()
    return scales, applied, scaler.get_scale()


def _ok(*shape):
    return np.ones(shape or (2,), dtype=np.float16)


INF = np.array([1.0, np.inf], dtype=np.float16)
NAN = np.array([[np.nan]], dtype=np.float32)


def _random_run(rng, n_steps, p_overflow, interval, note=""):
    steps = []
    for _ in range(n_steps):
        grads = [rng.normal(size=tuple(int(s) for s in rng.integers(1, 4, int(rng.integers(1, 3)))))
                 .astype(np.float16) for _ in range(int(rng.integers(1, 4)))]
        if rng.random() < p_overflow:
            which = int(rng.integers(0, len(grads)))
            bad = rng.choice([np.inf, -np.inf, np.nan])
            grads[which].flat[int(rng.integers(0, grads[which].size))] = bad
        steps.append(grads)
    init = float(2.0 ** int(rng.integers(0, 17)))
    return Case((steps, init), {"growth_interval": interval},
                note=note or f"{n_steps} steps, overflow rate {p_overflow:g}, interval "
                             f"{interval}, initial scale {init:g}")


def fixed():
    rng = np.random.default_rng(43)
    return [
        Case(([[_ok()], [_ok()], [INF], [_ok()]], 8.0), {"growth_interval": 2},
             note="worked example: grow, overflow, back off",
             expected=([8.0, 8.0, 16.0, 8.0], [True, True, False, True], 8.0)),
        Case(([], 4.0), note="no steps", expected=([], [], 4.0)),
        Case(([[NAN], []], 8.0), {"growth_interval": 1},
             note="NaN counts as an overflow; a step without gradients is clean",
             expected=([8.0, 4.0], [False, True], 8.0)),
        Case(([[_ok(), _ok(3, 2), np.array([-np.inf], dtype=np.float16)]], 1024.0),
             note="-inf in the last of three gradients",
             expected=([1024.0], [False], 512.0)),
        Case(([[_ok()]] * 3 + [[INF]] + [[_ok()]] * 3, 1.0), {"growth_interval": 3},
             note="the count restarts after an overflow",
             expected=([1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0], [True] * 3 + [False] + [True] * 3,
                       2.0)),
        Case(([[INF], [INF], [_ok()]], 65536.0), {"backoff_factor": 0.25},
             note="two overflows in a row with backoff 1/4",
             expected=([65536.0, 16384.0, 4096.0], [False, False, True], 4096.0)),
        Case(([[_ok()]] * 5, 2.0), {"growth_interval": 1, "growth_factor": 4.0},
             note="growth every step by 4",
             expected=([2.0, 8.0, 32.0, 128.0, 512.0], [True] * 5, 2048.0)),
        _random_run(rng, 30, 0.2, 4, note="30 random steps, interval 4"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n_steps = int(rng.integers(1, 5 + 2 * i))
        interval = int(rng.integers(1, 6))
        cases.append(_random_run(rng, n_steps, float(rng.choice([0.0, 0.1, 0.3, 0.6])),
                                 interval))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="loss_scale_run",
    # Scales are powers of two times the factors given here, exact in float32 and float64.
    compare=AllClose(rtol=1e-12, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
