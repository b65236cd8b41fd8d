"""Cases for generative-metrics/psnr.

Expected values come from mlinterview.ml.metrics.peak_signal_noise_ratio (checked against
scikit-image in tests/parity/test_metrics_image.py); the first cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import peak_signal_noise_ratio


def reference(image_true, image_test, data_range):
    return peak_signal_noise_ratio(np.asarray(image_true), np.asarray(image_test),
                                   data_range=data_range)


def fixed():
    u8 = np.uint8
    return [
        Case(([[0, 0], [0, 0]], [[2, 0], [0, 0]], 255), note="worked example: MSE 1",
             expected=10 * math.log10(255 ** 2)),
        Case((np.array([[0, 0], [0, 0]], u8), np.array([[2, 0], [0, 0]], u8), 255),
             note="the same as uint8 (0 - 2 must not wrap)", expected=10 * math.log10(255 ** 2)),
        Case(([0.5, 0.5], [0.5, 0.5], 1.0), note="identical images", expected=float("inf")),
        # MSE = (0.1^2 + 0.1^2) / 2 = 0.01 -> 10 log10(1 / 0.01) = 20 dB.
        Case(([0.2, 0.4], [0.3, 0.3], 1.0), note="float images in [0, 1]: 20 dB",
             expected=20.0),
        Case((np.full((3, 3), 100, u8), np.full((3, 3), 110, u8), 255),
             note="dark image: the peak is 255, not the image's maximum"),
        Case((np.zeros((2, 2, 3)), np.ones((2, 2, 3)), 1.0), note="colour, all wrong: 0 dB",
             expected=0.0),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        side = int(rng.integers(2, 64)) if i < 15 else 512
        shape = (side, side) if i % 2 else (side, side, 3)
        if i % 3 == 0:
            a = rng.integers(0, 256, shape).astype(np.uint8)
            b = np.clip(a + rng.integers(-20, 21, shape), 0, 255).astype(np.uint8)
            cases.append(Case((a, b, 255), note=f"uint8 image {shape}"))
        else:
            a = rng.random(shape)
            b = np.clip(a + rng.normal(0, 0.05, shape), 0, 1)
            cases.append(Case((a, b, 1.0), note=f"float image {shape}"))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="psnr",
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
