"""Cases for generative-metrics/ssim.

Expected values come from the library: mlinterview.ml.metrics.structural_similarity with
a uniform window of win_size, sample covariance, K1 = 0.01, K2 = 0.03 and the given
data_range; it is checked against scikit-image's structural_similarity in tests/parity.
The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import structural_similarity


def reference(img1, img2, data_range, win_size=7):
    return structural_similarity(np.asarray(img1), np.asarray(img2), win_size=win_size,
                                 data_range=data_range, gaussian_weights=False,
                                 use_sample_covariance=True)


def fixed():
    a = np.arange(1.0, 10.0).reshape(3, 3)
    # img2 = 2 img1: mu 5 and 10, variances 7.5 and 30, covariance 15; C1 = .01, C2 = .09.
    double = (2 * 5 * 10 + 0.01) * (2 * 15 + 0.09) / ((25 + 100 + 0.01) * (7.5 + 30 + 0.09))
    # A flat image against a ramp: covariance 0, so SSIM = lum * C2 / (var + C2).
    flat = np.full((3, 3), 5.0)
    ramp_lum = (2 * 5 * 5 + 0.01) / (25 + 25 + 0.01)
    flat_vs_ramp = ramp_lum * 0.09 / (7.5 + 0.09)
    return [
        Case((a, a + 1, 10.0, 3), note="worked example: a brightness shift",
             expected=60.01 / 61.01),
        Case((a, 2 * a, 10.0, 3), note="a contrast change", expected=double),
        Case((a.tolist(), a.tolist(), 10.0, 3), note="identical images", expected=1.0),
        Case((flat, a, 10.0, 3), note="a flat image against a ramp", expected=flat_vs_ramp),
        Case((np.zeros((3, 3)), np.zeros((3, 3)), 1.0, 3),
             note="two black images: C1 and C2 keep it 1, not 0/0", expected=1.0),
        # 4 x 3 image, win 3: two windows (rows 0-2 and 1-3).
        Case((np.arange(12.0).reshape(4, 3), np.arange(12.0).reshape(4, 3)[::-1].copy(), 12.0,
              3), note="two windows, anti-correlated"),
        Case((np.array([[0, 255, 0, 255, 0], [255, 0, 255, 0, 255], [0, 255, 0, 255, 0],
                        [255, 0, 255, 0, 255], [0, 255, 0, 255, 0]], dtype=np.uint8),
              np.full((5, 5), 128, dtype=np.uint8), 255.0, 3),
             note="uint8 images: convert before multiplying"),
        Case((np.linspace(0, 1, 63).reshape(7, 9), np.linspace(0, 1, 63).reshape(7, 9) ** 2,
              1.0), note="default window 7 on a 7 x 9 image"),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        w = int(rng.choice([3, 5, 7, 9]))
        H = int(rng.integers(w, 48)) if i < 19 else 256
        W = int(rng.integers(w, 48)) if i < 19 else 256
        # A smooth image plus texture, and a degraded copy (blur-ish, noise, shift).
        u, v = np.meshgrid(np.linspace(0, 3, W), np.linspace(0, 3, H))
        base = np.sin(u * rng.uniform(0.5, 3)) * np.cos(v * rng.uniform(0.5, 3))
        img = 0.5 + 0.35 * base + 0.1 * rng.normal(size=(H, W))
        other = 0.8 * img + 0.1 + rng.normal(scale=rng.uniform(0.01, 0.2), size=(H, W))
        img, other = np.clip(img, 0, 1), np.clip(other, 0, 1)
        if i % 3 == 0:
            img = np.round(img * 255).astype(np.uint8)
            other = np.round(other * 255).astype(np.uint8)
            data_range = 255.0
        else:
            data_range = 1.0
        args = (img, other, data_range) if w == 7 and i % 2 else (img, other, data_range, w)
        cases.append(Case(args, note=f"{H} x {W}, window {w}, range {data_range:g}",
                          size=H * W))
    return cases


SPEC = ExerciseSpec(
    function="ssim",
    # Window statistics by E[x²] - E[x]² (the library) or by two passes (a solution) differ
    # by float64 rounding, far below 1e-9 relative for pixels in [0, 255] and C2 > 0.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
