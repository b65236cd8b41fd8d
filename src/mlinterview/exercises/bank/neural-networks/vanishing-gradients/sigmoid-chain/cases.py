"""Cases for vanishing-gradients/sigmoid-chain.

Expected values come from our autograd engine (checked against PyTorch in tests/parity):
the chain is built from scalar Tensors and ``backward()`` gives d x_L / d x_0; the bound is
the closed form prod |w_l| / 4^L. The first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor


def reference(x0, w, b):
    w = np.asarray(w, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    x_in = Tensor(np.array(float(x0)), requires_grad=True)
    x = x_in
    for w_l, b_l in zip(w, b, strict=True):
        x = (x * float(w_l) + float(b_l)).sigmoid()
    if len(w) == 0:
        return float(x0), 1.0, 1.0
    x.backward()
    bound = float(np.prod(np.abs(w)) * 0.25 ** len(w))
    return float(x.item()), float(x_in.grad.item()), bound


def _random(rng, depth, scale, note=""):
    w = rng.normal(scale=scale, size=depth)
    b = rng.normal(scale=1.0, size=depth)
    x0 = float(rng.normal())
    if depth % 3 == 0:
        w, b = w.tolist(), b.tolist()
    return Case((x0, w, b), note=note or f"depth {depth}, weights of scale {scale:g}")


def fixed():
    s = 1 / (1 + math.exp(-0.5))
    return [
        Case((0.0, [2.0, -1.0], [0.0, 1.0]), note="worked example in the statement",
             expected=(s, 2 * 0.25 * -1 * s * (1 - s), 0.125)),
        Case((0.0, [1.0], [0.0]), note="one layer at z = 0: sigma' = 1/4 is the maximum",
             expected=(0.5, 0.25, 0.25)),
        Case((1.5, [], []), note="no layers: the output is the input, the derivative 1",
             expected=(1.5, 1.0, 1.0)),
        Case((0.7, [0.0, 3.0], [0.2, -1.0]), note="a zero weight cuts the gradient to 0",
             expected=(1 / (1 + math.exp(-(3 / (1 + math.exp(-0.2)) - 1))), 0.0, 0.0)),
        Case((2.0, [-4.0], [8.0]), note="z = 0 with a weight of -4: |grad| equals the bound",
             expected=(0.5, -1.0, 1.0)),
        Case((0.3, [1.0] * 20, [0.0] * 20), note="20 layers of weight 1: at most 4^-20"),
        Case((-1.0, [10.0, 10.0, 10.0], [0.0, -5.0, -5.0]),
             note="large weights: saturated layers"),
        Case((0.5, np.array([6.0, -6.0, 6.0, -6.0]), np.array([-3.0, 3.0, -3.0, 3.0])),
             note="weights above 4 as a NumPy array: the bound grows"),
        Case((3.0, [0.5], [-2.5]), note="negative bias and a small weight"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        depth = 1 + int(rng.integers(0, 4 + 2 * i))
        scale = [0.5, 1.0, 3.0, 8.0][i % 4]
        cases.append(_random(rng, depth, scale))
    return cases


SPEC = ExerciseSpec(
    function="sigmoid_chain",
    # Products of up to ~60 float64 factors in another order: a few ulps apart. No absolute
    # tolerance: a deep chain's gradient is tiny, and 0 must not pass for 1e-30.
    compare=AllClose(rtol=1e-9, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
