"""Cases for 3d-vision/project-points.

Expected values come from mlinterview.ml.vision.project with the camera matrix
camera_matrix(K, R, t) (checked against OpenCV's conventions in
tests/parity/test_geometry.py), with the depth as the third camera coordinate and the
pixels of points at depth <= 0 set to NaN. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.vision import project
from mlinterview.ml.vision._geometry import camera_matrix


def reference(K, R, t, X):
    X = np.asarray(X, dtype=float).reshape(-1, 3)
    depth = X @ np.asarray(R, dtype=float).T[:, 2] + np.asarray(t, dtype=float)[2]
    pixels = np.full((len(X), 2), np.nan)
    front = depth > 0
    if front.any():
        pixels[front] = project(camera_matrix(K, R, t), X[front])
    return pixels, depth


def _a(*rows):
    return np.array(rows, dtype=float)


K1 = _a([100, 0, 50], [0, 100, 40], [0, 0, 1])
RZ90 = _a([0, -1, 0], [1, 0, 0], [0, 0, 1])           # 90 degrees about the optical axis
NAN = float("nan")


def fixed():
    return [
        Case((K1, np.eye(3), _a(0, 0, 2), _a([1, 0, 0], [0, 2, 2], [0, 0, -3])),
             note="the statement's example",
             expected=(_a([100, 40], [50, 90], [NAN, NAN]), _a(2, 4, -1))),
        Case((K1, np.eye(3), _a(0, 0, 2), _a([3, 3, -2])),
             note="a point in the camera plane (depth 0) has no image",
             expected=(_a([NAN, NAN]), _a(0))),
        Case((K1, RZ90, _a(0, 0, 5), _a([1, 0, 0], [0, 1, 0])),
             note="rotated 90 degrees about z: x goes to y, y to -x",
             expected=(_a([50, 60], [30, 40]), _a(5, 5))),
        # R = I, t = -C with the camera centre C = (1, 0, 0): X = (1, 0, 4) is straight ahead.
        Case((K1, np.eye(3), _a(-1, 0, 0), _a([1, 0, 4], [3, 0, 4])),
             note="a camera moved to x = 1: t = -C", expected=(_a([50, 40], [100, 40]),
                                                              _a(4, 4))),
        # Skew 10 and f_y = 200: u = 100 x + 10 y + 50, v = 200 y + 40 with x = y = 0.5.
        Case((_a([100, 10, 50], [0, 200, 40], [0, 0, 1]), np.eye(3), _a(0, 0, 0),
              _a([1, 1, 2])), note="skew and non-square pixels",
             expected=(_a([105, 140]), _a(2))),
        Case((K1, np.eye(3), _a(0, 0, 2), np.zeros((0, 3))), note="no points",
             expected=(np.zeros((0, 2)), np.zeros(0))),
    ]


def _rotation(rng):
    q, r = np.linalg.qr(rng.normal(size=(3, 3)))
    q = q * np.sign(np.diag(r))
    return q if np.linalg.det(q) > 0 else -q


def generated(rng):
    cases = []
    for i in range(26):
        n = int(rng.integers(1, 200))
        f = rng.uniform(200, 1500, 2)
        K = _a([f[0], rng.uniform(-5, 5) if i % 3 == 0 else 0.0, rng.uniform(100, 700)],
               [0, f[1], rng.uniform(100, 500)], [0, 0, 1])
        R = _rotation(rng)
        t = rng.normal(size=3) * 3
        # Points around the camera's view direction, some of them behind it.
        X = (rng.normal(size=(n, 3)) * 2 + [0, 0, 6]) @ R - R.T @ t
        if i % 4 == 0:
            X = X - 8 * (R.T @ [0.0, 0.0, 1.0])            # push most points behind
        cases.append(Case((K, R, t, X), note=f"{n} points, a random camera", size=n))
    return cases


SPEC = ExerciseSpec(
    function="project_points",
    # Pixels of size ~1e3 from a few products and one division: ~1e-13 relative.
    compare=AllClose(rtol=1e-9, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
