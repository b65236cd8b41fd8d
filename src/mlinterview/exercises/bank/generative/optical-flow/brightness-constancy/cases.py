"""Cases for optical-flow/brightness-constancy.

Expected values come from mlinterview.ml.vision.image_gradients (the gradients the
library's Lucas–Kanade and Horn–Schunck use, checked against scikit-image in
tests/parity/test_flow.py) and the residual formula; moving_texture gives textures with
an exact known motion. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.vision import image_gradients
from mlinterview.ml.vision._flow import moving_texture


def reference(image0, image1, flow):
    image0, image1 = np.asarray(image0, dtype=float), np.asarray(image1, dtype=float)
    flow = np.asarray(flow, dtype=float)
    g = image_gradients(image0)
    return g, g[0] * flow[0] + g[1] * flow[1] + image1 - image0


def _a(*rows):
    return np.array(rows, dtype=float)


def _const_flow(shape, dr, dc):
    return np.stack([np.full(shape, dr, dtype=float), np.full(shape, dc, dtype=float)])


def fixed():
    im = _a([0, 1, 4], [2, 3, 6])
    ramp = np.add.outer(3.0 * np.arange(4), np.arange(5.0))        # 3 per row, 1 per col
    return [
        Case((im, im + 1, _const_flow((2, 3), 0.5, -1.0)), note="the statement's example",
             expected=(np.stack([_a([2, 2, 2], [2, 2, 2]), _a([1, 2, 3], [1, 2, 3])]),
                       _a([1, 0, -1], [1, 0, -1]))),
        Case((ramp, ramp - 3.0, _const_flow((4, 5), 1.0, 0.0)),
             note="a ramp moved one row down: residual 0 everywhere",
             expected=(np.stack([np.full((4, 5), 3.0), np.ones((4, 5))]), np.zeros((4, 5)))),
        Case((ramp, ramp - 1.0, _const_flow((4, 5), 0.0, 1.0)),
             note="the ramp moved one column right", expected=(
                 np.stack([np.full((4, 5), 3.0), np.ones((4, 5))]), np.zeros((4, 5)))),
        # Rows of x^2 = [0, 1, 4, 9]: central differences [1, 2, 4, 5] (ends one-sided).
        Case((np.tile(_a(0, 1, 4, 9), (2, 1)), np.tile(_a(0, 1, 4, 9), (2, 1)),
              np.zeros((2, 2, 4))), note="a parabola: central inside, one-sided at the ends",
             expected=(np.stack([np.zeros((2, 4)), np.tile(_a(1, 2, 4, 5), (2, 1))]),
                       np.zeros((2, 4)))),
        # Columns of [0, 1, 4, 9] down the rows: d/drow = [1, 2, 4, 5] per column.
        Case((np.tile(_a(0, 1, 4, 9)[:, None], (1, 3)), np.zeros((4, 3)),
              _const_flow((4, 3), 2.0, 7.0)),
             note="the parabola down the rows; zero second image",
             expected=(np.stack([np.tile(_a(1, 2, 4, 5)[:, None], (1, 3)), np.zeros((4, 3))]),
                       np.tile(_a(2 - 0, 4 - 1, 8 - 4, 10 - 9)[:, None], (1, 3)))),
        Case((_a([1, 2], [4, 8]), _a([0, 0], [0, 0]), np.zeros((2, 2, 2))),
             note="2 x 2: every derivative is one-sided",
             expected=(np.stack([_a([3, 6], [3, 6]), _a([1, 1], [4, 4])]),
                       _a([-1, -2], [-4, -8]))),
    ]


def generated(rng):
    cases = []
    for i in range(26):
        shape = (int(rng.integers(2, 40)), int(rng.integers(2, 40)))
        if i % 2:
            image0, image1, flow = moving_texture(shape, amount=tuple(rng.uniform(-1, 1, 2)),
                                                  seed=i)
            flow = flow + rng.normal(size=flow.shape) * 0.1           # a wrong guess
        else:
            image0, image1 = rng.normal(size=shape), rng.normal(size=shape)
            flow = rng.normal(size=(2, *shape))
        cases.append(Case((image0, image1, flow), note=f"image of shape {shape}",
                          size=int(image0.size)))
    return cases


SPEC = ExerciseSpec(
    function="flow_residual",
    # A few float operations per pixel: the same values up to ~1e-15.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
