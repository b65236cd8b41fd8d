"""Cases for mixed-precision-gradient-clipping/clip-global-norm.

Expected values come from mlinterview.ml.nn.utils.clip_grad_norm_ (checked against
torch.nn.utils.clip_grad_norm_ in tests/parity/test_clip.py); the first cases are worked
by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.utils import clip_grad_norm_


def reference(grads, max_norm, norm_type=2.0):
    params = []
    for g in grads:
        p = Tensor(np.zeros(np.shape(g)), requires_grad=True)
        p.grad = Tensor(np.array(g, dtype=np.float64))
        params.append(p)
    total = clip_grad_norm_(params, max_norm, norm_type)
    return [p.grad.data.copy() for p in params], float(total.item())


def _random(rng, n, scale, max_norm, **kwargs):
    shapes = [tuple(int(s) for s in rng.integers(1, 6, size=int(rng.integers(1, 4))))
              for _ in range(n)]
    grads = [rng.normal(scale=scale, size=s) for s in shapes]
    return Case((grads, max_norm), kwargs,
                note=f"{n} gradients, scale {scale:g}, max_norm {max_norm:g}"
                     + (f", {kwargs}" if kwargs else ""))


def fixed():
    rng = np.random.default_rng(7)
    c = 1 / 5.000001
    return [
        Case(([np.array([3.0, 0.0]), np.array([[4.0]])], 1.0),
             note="worked example: total 5, scaled to length 1",
             expected=([np.array([3 * c, 0.0]), np.array([[4 * c]])], 5.0)),
        Case(([np.array([3.0, 0.0]), np.array([[4.0]])], 10.0),
             note="already within the limit: unchanged, not scaled up",
             expected=([np.array([3.0, 0.0]), np.array([[4.0]])], 5.0)),
        Case(([np.zeros(3), np.zeros((2, 2))], 1.0), note="all-zero gradients stay zero",
             expected=([np.zeros(3), np.zeros((2, 2))], 0.0)),
        Case(([np.array([1.0, -2.0]), np.array([2.0])], 1.0), {"norm_type": math.inf},
             note="infinity norm: the largest entry, 2",
             expected=([np.array([1 / 2.000001, -2 / 2.000001]), np.array([2 / 2.000001])],
                       2.0)),
        Case(([np.array([1.0, -1.0]), np.array([2.0])], 2.0), {"norm_type": 1.0},
             note="1-norm: |1| + |-1| + |2| = 4",
             expected=([np.array([0.5, -0.5]) * (4 / 4.000001), np.array([1.0 * (4 / 4.000001)])],
                       4.0)),
        Case(([np.array([0.6, 0.8])], 1.0), note="a single gradient of norm exactly 1"),
        Case(([np.array([1e3, -2e3]), np.ones((3, 4)) * 1e-3], 0.5),
             note="one huge gradient dominates the global norm"),
        _random(rng, 1, 1.0, 0.1),
        _random(rng, 4, 10.0, 5.0),
        _random(rng, 3, 1.0, 2.0, norm_type=3.0),
    ]


def generated(rng):
    cases = []
    for k in range(24):
        n = int(rng.integers(1, 3 + k // 3))
        scale = float(10 ** rng.uniform(-3, 3))
        max_norm = float(10 ** rng.uniform(-2, 2))
        kwargs = {}
        if k % 4 == 1:
            kwargs = {"norm_type": float(rng.choice([1.0, 3.0, math.inf]))}
        cases.append(_random(rng, n, scale, max_norm, **kwargs))
    return cases


SPEC = ExerciseSpec(
    function="clip_grad_norm",
    # Summation order differs between solutions: a few ulps in float64.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
