"""Cases for 3d-vision/disparity-to-depth.

Expected values are computed without the formula Z = f B / d: each pixel with d > 0 is
triangulated from its two views by mlinterview.ml.vision.triangulate (linear DLT,
checked in tests/parity/test_vision_geometry.py), with a rectified pair of cameras
K [I | 0] and K [I | (-B, 0, 0)] (the second centre at x = B) and the pixel at column
u in the left image and u - d in the right one; the depth is the point's z. It agrees
with f B / d to ~1e-11 relative. Pixels with d <= 0 get inf, as the statement says. The
fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.vision import triangulate
from mlinterview.ml.vision._geometry import camera_matrix


def reference(disparity, focal_length, baseline):
    d = np.asarray(disparity, dtype=float)
    depth = np.full(d.shape, np.inf)
    valid = d > 0
    if valid.any():
        K = np.array([[focal_length, 0.0, 320.0], [0.0, focal_length, 240.0],
                      [0.0, 0.0, 1.0]])
        left = camera_matrix(K, np.eye(3), np.zeros(3))
        right = camera_matrix(K, np.eye(3), np.array([-baseline, 0.0, 0.0]))
        n = int(valid.sum())
        u = np.arange(n) % 640.0                   # any column: depth does not depend on it
        v = np.full(n, 240.0)
        X = triangulate([left, right], [np.c_[u, v], np.c_[u - d[valid], v]])
        depth[valid] = X[:, 2]
    return depth


def _a(*rows):
    return np.array(rows, dtype=float)


INF = float("inf")


def fixed():
    return [
        Case(([[35, 70], [0, -3]], 700.0, 0.5), note="the statement's example",
             expected=_a([10.0, 5.0], [INF, INF])),
        Case((_a(0.5, 0.125, 1.0, 2.0), 1.0, 0.25),
             note="normalised coordinates (f = 1): disparities below 1",
             expected=_a(0.5, 2.0, 0.25, 0.125)),
        Case((np.array([[0, 1, 2], [4, 8, 255]], dtype=np.uint8), 510.0, 1.0),
             note="a uint8 map", expected=_a([INF, 510.0, 255.0], [127.5, 63.75, 2.0])),
        Case((_a(-0.5, 0.5, -1.0), 100.0, 0.1), note="small negative disparities are invalid",
             expected=_a(INF, 20.0, INF)),
        Case((np.array([[[1.0, 2.0, 4.0], [8.0, 0.0, 16.0]],
                        [[-16.0, 32.0, 64.0], [0.25, 128.0, 0.0]]]), 64.0, 0.5),
             note="a batch of two 2 x 3 maps keeps its shape",
             expected=np.array([[[32.0, 16.0, 8.0], [4.0, INF, 2.0]],
                                [[INF, 1.0, 0.5], [128.0, 0.25, INF]]])),
        Case((14.0, 700.0, 0.2), note="a single disparity", expected=np.array(10.0)),
        Case((np.zeros((2, 3)), 700.0, 0.5), note="no match anywhere: all inf",
             expected=np.full((2, 3), INF)),
        Case(([1e-3, 350.0], 700.0, 0.5), note="a tiny disparity: a far point",
             expected=_a(350_000.0, 1.0)),
        Case(([[10.0]], 0.0, 0.5), note="focal_length = 0", raises="ValueError"),
        Case(([[10.0]], -700.0, 0.5), note="a negative focal length", raises="ValueError"),
        Case(([[10.0]], 700.0, 0.0), note="baseline = 0", raises="ValueError"),
        Case(([[10.0]], 700.0, -0.5), note="a negative baseline", raises="ValueError"),
        Case(([[10.0]], 700.0, float("nan")), note="baseline = NaN", raises="ValueError"),
    ]


def generated(rng):
    cases = []
    for i in range(18):
        h, w = (int(rng.integers(1, 60)), int(rng.integers(1, 80))) if i < 17 else (200, 300)
        shape = (h, w) if i % 3 else (int(rng.integers(1, 4)), h, w)
        d = rng.uniform(0.05, 200.0, shape)
        d[rng.random(shape) < 0.1] = 0.0                   # no match
        d[rng.random(shape) < 0.05] = -1.0                 # a matcher's invalid mark
        d[rng.random(shape) < 0.05] *= -1                  # other negatives
        if i % 4 == 1:
            d = np.clip(np.round(d), 0, 255).astype(np.uint8)
        f, B = float(rng.uniform(300, 2000)), float(rng.uniform(0.05, 1.5))
        args = (d.tolist() if i % 5 == 2 else d, f, B)
        cases.append(Case(args, note=f"a {d.dtype} disparity map {shape}, f = {f:.0f} px, "
                          f"B = {B:.2f}", size=d.size))
    return cases


SPEC = ExerciseSpec(
    function="disparity_to_depth",
    # One product and one division: ~1e-16 relative (triangulation ~1e-11); 1e-9 is above.
    compare=AllClose(rtol=1e-9, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
