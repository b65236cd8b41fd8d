"""Cases for optical-flow/horn-schunck.

Expected values come from mlinterview.ml.vision.horn_schunck (checked against a
reference implementation in tests/parity/test_flow.py) at one pyramid level with one
warp, started from a zero initial_flow: its warp of image1 by a zero flow is image1
itself, so it runs exactly the statement's iteration. Textures with a known motion come
from moving_texture. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.vision import horn_schunck
from mlinterview.ml.vision._flow import moving_texture


def reference(image0, image1, alpha, n_iter):
    image0 = np.asarray(image0, dtype=float)
    return horn_schunck(image0, image1, alpha=alpha, n_iter=n_iter, num_warp=1,
                        num_levels=1, initial_flow=np.zeros((2, *image0.shape)))


def _a(*rows):
    return np.array(rows, dtype=float)


ZERO2, STEP2 = np.zeros((2, 2)), _a([2, 4], [2, 4])


def fixed():
    return [
        Case((ZERO2, STEP2, 1.0, 2), note="the statement's example (two iterations)",
             expected=np.stack([ZERO2, _a([-5 / 3, -17 / 6], [-5 / 3, -17 / 6])])),
        Case((ZERO2, STEP2, 1.0, 1), note="the statement's first iteration",
             expected=np.stack([ZERO2, _a([-1, -2], [-1, -2])])),
        Case((ZERO2, STEP2, 1.0, 0), note="no iterations: zero flow",
             expected=np.zeros((2, 2, 2))),
        # alpha = 2: common = I_t / (4 + 1) = [0.4, 0.8] after one iteration.
        Case((ZERO2, STEP2, 2.0, 1), note="alpha enters squared: 4 + |grad|^2",
             expected=np.stack([ZERO2, _a([-0.4, -0.8], [-0.4, -0.8])])),
        # The same example transposed: the flow moves to u.
        Case((ZERO2, STEP2.T, 1.0, 2), note="transposed: the flow is in the row component",
             expected=np.stack([_a([-5 / 3, -5 / 3], [-17 / 6, -17 / 6]), ZERO2])),
        Case((np.ones((3, 4)), np.ones((3, 4)), 0.5, 5), note="identical frames: no motion",
             expected=np.zeros((2, 3, 4))),
    ]


def generated(rng):
    cases = []
    for i in range(22):
        shape = (int(rng.integers(2, 36)), int(rng.integers(2, 36)))
        if i % 3 == 2:
            image0, image1 = rng.normal(size=shape), rng.normal(size=shape)
        else:
            image0, image1, _ = moving_texture(shape, amount=tuple(rng.uniform(-1, 1, 2)),
                                               seed=int(rng.integers(1000)))
        if i % 4 == 1:                            # a flat region the smoothness must fill
            image0[: shape[0] // 2] = image1[: shape[0] // 2] = 0.25
        alpha = float(rng.choice([0.1, 0.3, 1.0, 3.0]))
        n_iter = int(rng.integers(1, 60))
        cases.append(Case((image0, image1, alpha, n_iter),
                          note=f"image {shape}, alpha {alpha}, {n_iter} iterations",
                          size=int(image0.size) * n_iter))
    return cases


SPEC = ExerciseSpec(
    function="horn_schunck",
    # Up to 60 averaging iterations, a contraction: rounding stays ~1e-14 relative.
    compare=AllClose(rtol=1e-7, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=1024),
)
