"""Cases for fine-tuning/group-quantization.

Expected values come from mlinterview.ml.quantization.quantize (per row: axis=0; per group:
group_size), whose scales, zero points and rounding match torch.ao's MinMax observers and
torch.fake_quantize_per_channel_affine in tests/parity/test_fine_tuning.py. The fixed cases
are worked by hand (none sits on a rounding tie, so x / scale and x · (1 / scale) agree).
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.quantization import quantize


def reference(w, bits, scheme="symmetric", group_size=None):
    w = np.asarray(w, dtype=np.float64)
    if group_size is None:
        qt = quantize(w, bits, scheme, axis=0)
    else:
        qt = quantize(w, bits, scheme, group_size=group_size)
    return qt.int_repr.astype(np.int64), qt.dequantize()


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    example = _a([-0.7, 0.2, 0.33, 0.0], [0.25, 0.62, 0.95, 1.4])
    return [
        Case((example, 4), note="the statement's example: symmetric, per row",
             expected=(np.array([[-7, 2, 3, 0], [1, 3, 5, 7]]),
                       _a([-0.7, 0.2, 0.3, 0.0], [0.2, 0.6, 1.0, 1.4]))),
        Case((_a([-0.5, 0.0, 1.0]), 8, "asymmetric"),
             note="asymmetric 8 bits: scale 1.5 / 255, zero point 85",
             expected=(np.array([[0, 85, 255]]), _a([-0.5, 0.0, 1.0]))),
        Case((_a([0.0, 0.7, 1.4, 2.1]), 4, "asymmetric"),
             note="one-sided (after a ReLU): zero point 0, scale 2.1 / 15 = 0.14",
             expected=(np.array([[0, 5, 10, 15]]), _a([0.0, 0.7, 1.4, 2.1]))),
        Case((_a([0.0, 0.7, 1.4, 2.1]), 4),
             note="the same row symmetric: step 0.3, half the codes unused",
             expected=(np.array([[0, 2, 5, 7]]), _a([0.0, 0.6, 1.5, 2.1]))),
        Case((_a([-3.0, -1.0, -2.0]), 2, "asymmetric"),
             note="all negative: hi = 0, scale 1, zero point 3",
             expected=(np.array([[0, 2, 1]]), _a([-3.0, -1.0, -2.0]))),
        Case((_a([0.0, 0.0, 0.0, 0.0], [1.0, -1.0, 0.5, 0.25]), 3),
             note="an all-zero row stays zero; 3 bits: qmax = 3, scale 1/3",
             expected=(np.array([[0, 0, 0, 0], [3, -3, 2, 1]]),
                       _a([0.0, 0.0, 0.0, 0.0], [1.0, -1.0, 2 / 3, 1 / 3]))),
        Case((_a([0.1, -0.4, 0.2, 0.8, 0.0, 0.05, -0.32, 0.6]), 4), {"group_size": 4},
             note="two groups of 4 in one row: scales 0.8 / 7 and 0.6 / 7",
             expected=(np.array([[1, -4, 2, 7, 0, 1, -4, 7]]),
                       _a([0.8 / 7, -3.2 / 7, 1.6 / 7, 0.8, 0.0, 0.6 / 7, -2.4 / 7, 0.6]))),
        Case((_a([0.0, 0.0, 3.0, -5.0]), 8, "asymmetric"), {"group_size": 2},
             note="a zero group next to [3, -5]: scale 8 / 255, zero point round(159.375)",
             expected=(np.array([[0, 0, 255, 0]]),
                       _a([0.0, 0.0, 96 * 8 / 255, -159 * 8 / 255]))),
        Case((np.ones((2, 6)), 4), {"group_size": 4},
             note="4 does not divide 6 columns", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        rows, groups = int(rng.integers(1, 9)), int(rng.integers(1, 5))
        size = int(rng.choice([2, 4, 8, 16, 32]))
        bits = int(rng.choice([2, 3, 4, 8]))
        scheme = ("symmetric", "asymmetric")[i % 2]
        w = rng.normal(0, 10 ** rng.uniform(-2, 1), size=(rows, groups * size))
        if i % 5 == 0:
            w = np.abs(w)                          # one-sided rows
        if i % 7 == 3:
            w[0] = 0.0                             # an all-zero row
        kwargs = {} if i % 3 == 0 else {"group_size": size}
        cases.append(Case((w, bits, scheme), kwargs,
                          note=f"{w.shape} weights, {bits} bits, {scheme}"
                               + (f", groups of {size}" if kwargs else ", per row")))
    return cases


SPEC = ExerciseSpec(
    function="quantize_dequantize",
    # Integers must match exactly; the dequantised values are one product each.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
