"""Kalman filter vs filterpy and Lucas–Kanade optical flow vs scikit-image.

Kalman: a 4-state constant-velocity model with 2-D position measurements over 100,000
steps. Both libraries loop over time in Python. Ours also computes the log-likelihood of
every step; filterpy's ``batch_filter`` does not. Once the covariance has converged ours
switches to the steady-state (constant-gain) recursion; the "no process noise" case has a
covariance that keeps shrinking, so it measures the general per-step update instead.

Optical flow: dense iterative Lucas–Kanade (radius 7, 10 warps, coarse-to-fine pyramid as
scikit-image builds it) on a 512x512 pair of a smooth texture moved by (2.5, -1.5) px,
both in float64. Run: ``python benchmarks/bench_filters.py``.
"""

from __future__ import annotations

import numpy as np
from filterpy.kalman import KalmanFilter as FPKalmanFilter
from skimage.registration import optical_flow_ilk

from _harness import main
from mlinterview.ml.filters import KalmanFilter
from mlinterview.ml.vision import lucas_kanade, moving_texture

TITLE = "Kalman filter (100,000 steps, 4 states) and Lucas–Kanade (512x512)"
REFERENCE = "filterpy / scikit-image"
T = 100_000


def cv_model(q: float):
    F = np.eye(4)
    F[0, 2] = F[1, 3] = 1.0
    H = np.eye(2, 4)
    G = np.array([[0.5, 0], [0, 0.5], [1.0, 0], [0, 1.0]])
    return F, H, q * G @ G.T, 4.0 * np.eye(2)


def kalman_pair(q: float, zs: np.ndarray):
    F, H, Q, R = cv_model(q)

    def ours():
        return KalmanFilter(F, H, Q, R, x0=np.zeros(4), P0=10 * np.eye(4)).filter(zs)

    def reference():
        kf = FPKalmanFilter(dim_x=4, dim_z=2)
        kf.F, kf.H, kf.Q, kf.R = F, H, Q, R
        kf.x, kf.P = np.zeros((4, 1)), 10 * np.eye(4)
        return kf.batch_filter(zs[:, :, None])

    return ours, reference


def cases():
    rng = np.random.default_rng(0)
    zs = np.cumsum(rng.normal(size=(T, 2)), axis=0)
    size = f"{T:,} steps"
    yield ("KalmanFilter.filter (steady state reached)", size, *kalman_pair(0.05, zs))
    yield ("KalmanFilter.filter, no process noise (general step)", size, *kalman_pair(0.0, zs))
    a, b, _ = moving_texture((512, 512), motion="translation", amount=(2.5, -1.5), seed=0)
    yield ("lucas_kanade, pyramid", "512x512",
           lambda: lucas_kanade(a, b, radius=7, num_warp=10, num_levels=5),
           lambda: optical_flow_ilk(a, b, radius=7, num_warp=10, dtype=np.float64))
    yield ("lucas_kanade, single level", "512x512",
           lambda: lucas_kanade(a, b, radius=7, num_warp=10),
           lambda: optical_flow_ilk(a, b, radius=7, num_warp=10, dtype=np.float64))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
