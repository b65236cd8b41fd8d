"""Cases for mixed-precision-gradient-clipping/amp-step.

Expected values come from the library's mixed-precision pieces, each checked against
PyTorch in tests/parity (test_amp.py, test_clip.py, test_optim.py): the float16 gradients
are copied to float32 master parameters with mlinterview.ml.amp.model_grads_to_master, then
GradScaler.unscale_, nn.utils.clip_grad_norm_ (with max_norm = inf when there is no
clipping, to read the norm), GradScaler.step with optim.SGD and GradScaler.update. The
first cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import optim
from mlinterview.ml.amp import GradScaler, model_grads_to_master
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.utils import clip_grad_norm_


def reference(master, grads16, scale, growth_tracker, lr, max_norm=None, growth_factor=2.0,
              backoff_factor=0.5, growth_interval=2000):
    params = [Tensor(np.array(p, dtype=np.float32), requires_grad=True) for p in master]
    model = []
    for g in grads16:
        m = Tensor(np.zeros(np.shape(g), dtype=np.float16), requires_grad=True)
        m.grad = Tensor(np.array(g, dtype=np.float16))
        model.append(m)
    model_grads_to_master(model, params)
    opt = optim.SGD(params, lr=lr)
    scaler = GradScaler(scale, growth_factor, backoff_factor, growth_interval)
    scaler.load_state_dict({"scale": scale, "growth_factor": growth_factor,
                            "backoff_factor": backoff_factor,
                            "growth_interval": growth_interval,
                            "_growth_tracker": growth_tracker})
    scaler.unscale_(opt)
    with np.errstate(invalid="ignore", over="ignore"):
        norm = clip_grad_norm_(params, np.inf if max_norm is None else max_norm)
    applied = not scaler._state(opt)["found_inf"]
    scaler.step(opt)
    scaler.update()
    state = scaler.state_dict()
    return ([p.data.copy() for p in params], state["scale"], state["_growth_tracker"],
            applied, float(norm.item()))


def _f16(*v):
    return np.array(v, dtype=np.float16)


def _f32(*v):
    return np.array(v, dtype=np.float32)


def _random(rng, n_params, scale, lr, note="", overflow=None, **kwargs):
    shapes = [tuple(int(s) for s in rng.integers(1, 5, int(rng.integers(1, 3))))
              for _ in range(n_params)]
    master = [rng.normal(size=s).astype(np.float32) for s in shapes]
    # True gradients of varied sizes, some below float16's range until scaled.
    true = [rng.normal(scale=float(10 ** rng.uniform(-6, 0)), size=s) for s in shapes]
    grads = [(g * scale).astype(np.float16) for g in true]
    if overflow is not None:
        k = int(rng.integers(0, n_params))
        grads[k].flat[0] = overflow
    tracker = int(rng.integers(0, kwargs.get("growth_interval", 2000)))
    return Case((master, grads, scale, tracker, lr), kwargs,
                note=note or f"{n_params} parameters, scale {scale:g}, lr {lr:g}, "
                             f"tracker {tracker}, {kwargs}"
                             + (f", a {overflow} in the gradients" if overflow is not None
                                else ""))


def fixed():
    c = np.float32(1 / 5.000001)
    rng = np.random.default_rng(47)
    g = [_f16(3072, 4096)]
    return [
        Case(([_f32(1, 2)], g, 1024.0, 0, 0.1), note="worked example: no clipping",
             expected=([_f32(0.7, 1.6)], 1024.0, 1, True, 5.0)),
        Case(([_f32(1, 2)], g, 1024.0, 0, 0.1), {"max_norm": 1.0},
             note="worked example: clipped to norm 1",
             expected=([_f32(1, 2) - np.float32(0.1) * (_f32(3, 4) * c)], 1024.0, 1, True,
                       5.0)),
        Case(([_f32(1, 2)], [_f16(np.inf, 1)], 1024.0, 5, 0.1), {"max_norm": 1.0},
             note="an inf: skipped, backed off, tracker reset",
             expected=([_f32(1, 2)], 512.0, 0, False, np.inf)),
        Case(([_f32(1, 2), _f32(3)], [_f16(1, 1), _f16(np.nan)], 8.0, 0, 0.1),
             note="a NaN in the second gradient: skipped",
             expected=([_f32(1, 2), _f32(3)], 4.0, 0, False, np.nan)),
        Case(([_f32(1, 2)], g, 1024.0, 1, 0.1), {"growth_interval": 2},
             note="the tracker reaches the interval: the scale doubles",
             expected=([_f32(0.7, 1.6)], 2048.0, 0, True, 5.0)),
        Case(([_f32(1, 2)], g, 1024.0, 0, 0.1), {"max_norm": 10.0},
             note="max_norm above the norm: no clipping",
             expected=([_f32(0.7, 1.6)], 1024.0, 1, True, 5.0)),
        Case(([_f32(0.5)], [_f16(0.0065536)], 65536.0, 0, 1000.0),
             note="a true gradient of 1e-7 (a float16 zero unscaled) survives through S",
             expected=([np.array([0.5], np.float32) - np.float32(1000.0)
                        * (np.float16(0.0065536).astype(np.float32) * np.float32(1 / 65536))],
                       65536.0, 1, True, float(np.float16(0.0065536).astype(np.float32)
                                              * np.float32(1 / 65536)))),
        _random(rng, 3, 65536.0, 0.01, max_norm=1e-3, note="clipping the unscaled gradient "
                "(clipping the scaled one would do nothing here)"),
        _random(rng, 2, 128.0, 0.5, growth_interval=3, backoff_factor=0.25),
        _random(rng, 2, 4096.0, 0.1, overflow=-np.inf, max_norm=0.5, growth_interval=10),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n_params = int(rng.integers(1, 5))
        scale = float(2.0 ** int(rng.integers(4, 17)))
        lr = float(rng.choice([0.01, 0.1, 1.0, 100.0]))
        kwargs = {"growth_interval": int(rng.integers(1, 5))}
        if i % 2:
            kwargs["max_norm"] = float(10 ** rng.uniform(-6, 0))
        overflow = [None, None, None, np.inf, -np.inf, np.nan][i % 6]
        cases.append(_random(rng, n_params, scale, lr, overflow=overflow, **kwargs))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="amp_sgd_step",
    # Everything is float32: a solution that computes a product in float64 and rounds once
    # can differ from the reference by an ulp of float32 (~6e-8 relative). The norm is a
    # float32 in the reference too.
    compare=AllClose(rtol=1e-6, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
