"""Numeric quick-check answers of the generative-area cards, recomputed from the library.

Keyed ``"slug/quick-check-id"``; each value is a zero-argument callable returning the
number the card's ``answer:`` must match within its ``tolerance:``. Where our library has
no function for the quantity, SciPy or NumPy computes it by a route other than the card's
own arithmetic (for example the optimal discriminator as the sigmoid of the log density
ratio, not as 3 / 4).
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from scipy.linalg import solve_discrete_lyapunov
from scipy.special import expit

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.filters import KalmanFilter
from mlinterview.ml.generative import gaussian_kl, linear_beta_schedule
from mlinterview.ml.nn.functional import softmax
from mlinterview.ml.vision import (
    camera_matrix,
    endpoint_error,
    gaussian_blur,
    lucas_kanade,
    moving_texture,
    project,
    to_homogeneous,
    triangulate,
    volume_render,
)


def _boltzmann_first(energies, temperature: float) -> float:
    """P(first state) of p ∝ exp(-E/T), by the library's softmax of -E/T."""
    logits = -np.asarray(energies, dtype=np.float64) / temperature
    return float(softmax(Tensor(logits), dim=0).data[0])


def _langevin_stationary_variance(a: float, h: float) -> float:
    """Stationary variance of x <- (1 - h a) x + sqrt(2h) z, the discrete Lyapunov equation
    v = (1 - h a)^2 v + 2h solved by SciPy."""
    return float(solve_discrete_lyapunov(np.array([[1.0 - h * a]]), np.array([[2.0 * h]]))[0, 0])

def _translation_pair(length: float, size: int = 128):
    """The optical-flow demo's pair: a texture moved by ``length`` px at -35 degrees."""
    angle = np.radians(-35.0)
    return moving_texture((size, size), motion="translation",
                          amount=(length * np.sin(angle), length * np.cos(angle)), seed=0)


def _zero_flow_epe() -> float:
    _, _, flow = _translation_pair(8.0)
    return endpoint_error(np.zeros_like(flow), flow)


def _motion_on_level_two() -> float:
    """Median speed that Lucas-Kanade measures on the pair blurred and subsampled by 4."""
    a, b, _ = _translation_pair(8.0, size=256)
    a4, b4 = gaussian_blur(a, 2.0)[::4, ::4], gaussian_blur(b, 2.0)[::4, ::4]
    flow = lucas_kanade(a4, b4, radius=7, num_warp=10)
    return float(np.median(np.hypot(*flow)[10:-10, 10:-10]))


def _scalar_update(prior_var: float, noise_var: float) -> KalmanFilter:
    """A scalar filter after one update of a prior N(0, prior_var) by z = 1 with H = 1."""
    kf = KalmanFilter(F=[[1.0]], H=[[1.0]], Q=[[0.0]], R=[[noise_var]], x0=[0.0],
                      P0=[[prior_var]])
    kf.update([1.0])
    return kf


def _random_walk_steady_gain() -> float:
    """The gain the library's filter settles to on a random walk with Q = R = 1."""
    kf = KalmanFilter(F=[[1.0]], H=[[1.0]], Q=[[1.0]], R=[[1.0]])
    kf.filter(np.zeros((200, 1)))
    return float(kf.K[0, 0])


def _eight_point_minimum() -> int:
    """Fewest correspondences whose epipolar equations x2^T F x1 = 0 leave F determined up
    to scale: the first n at which the (n, 9) design matrix of a real two-view scene has a
    one-dimensional null space."""
    rng = np.random.default_rng(0)
    K = np.array([[700.0, 0.0, 320.0], [0.0, 700.0, 240.0], [0.0, 0.0, 1.0]])
    angle = np.radians(10.0)
    R = np.array([[np.cos(angle), 0.0, np.sin(angle)], [0.0, 1.0, 0.0],
                  [-np.sin(angle), 0.0, np.cos(angle)]])
    X = rng.uniform([-1.0, -1.0, 4.0], [1.0, 1.0, 8.0], (12, 3))
    x1 = to_homogeneous(project(camera_matrix(K, np.eye(3), np.zeros(3)), X))
    x2 = to_homogeneous(project(camera_matrix(K, R, [-1.0, 0.1, 0.2]), X))
    rows = (x2[:, :, None] * x1[:, None, :]).reshape(len(X), 9)
    for n in range(1, len(X) + 1):
        if 9 - np.linalg.matrix_rank(rows[:n] / np.abs(rows[:n]).max()) == 1:
            return n
    raise AssertionError("no n left a one-dimensional null space")


def _stereo_depth(f: float, baseline: float, disparity: float) -> float:
    """Depth of a point triangulated (DLT) from a rectified pair with that disparity."""
    K = np.array([[f, 0.0, 320.0], [0.0, f, 240.0], [0.0, 0.0, 1.0]])
    left = camera_matrix(K, np.eye(3), np.zeros(3))
    right = camera_matrix(K, np.eye(3), [-baseline, 0.0, 0.0])
    x_left = np.array([[400.0, 250.0]])
    return float(triangulate([left, right], [x_left, x_left - [disparity, 0.0]])[0, 2])


ANSWERS = {
    # KL(N(1, e^0) || N(0, 1)) from the VAE's own KL term.
    "generative-models/kl-value": lambda: float(np.sum(gaussian_kl(np.array([1.0]),
                                                                   np.array([0.0])))),
    # D*(x) = sigmoid(log p_data/p_g) with p_data = 3 p_g.
    "generative-models/optimal-discriminator": lambda: float(expit(np.log(3.0))),
    # a = 1 / std of U(-1, 1): scaling U(-1, 1) by it gives unit variance.
    "diffusion-noise/uniform-scale": lambda: float(1.0 / stats.uniform(loc=-1.0, scale=2.0).std()),
    "diffusion-noise/uniform-kurtosis": lambda: float(stats.uniform.stats(moments="k")),
    # √ᾱ_T of the library's linear schedule at T = 1000 (DDPM's 1e-4 .. 0.02), exact product.
    "diffusion-noise/terminal-signal": lambda: float(
        np.sqrt(np.prod(1.0 - linear_beta_schedule(1000)))),
    "energy-based-models/boltzmann": lambda: _boltzmann_first([0.0, np.log(3.0)], 1.0),
    "energy-based-models/boltzmann-temperature": lambda: _boltzmann_first([0.0, np.log(3.0)], 2.0),
    "energy-based-models/langevin-bias": lambda: _langevin_stationary_variance(a=4.0, h=0.1),
    "optical-flow/shi-tomasi": lambda: float(np.linalg.eigvalsh([[10.0, 8.0], [8.0, 10.0]])[0]),
    "optical-flow/zero-flow-epe": _zero_flow_epe,
    "optical-flow/pyramid-scale": _motion_on_level_two,
    "kalman-filter/scalar-gain": lambda: float(_scalar_update(3.0, 1.0).K[0, 0]),
    "kalman-filter/scalar-posterior": lambda: float(_scalar_update(3.0, 1.0).P[0, 0]),
    "kalman-filter/steady-gain": _random_walk_steady_gain,
    # NEES of a consistent filter is chi-square with dim_x = 4 degrees of freedom.
    "kalman-filter/nees-mean": lambda: float(stats.chi2(df=4).mean()),
    "3d-vision/eight-why": _eight_point_minimum,
    # 2 units of density 0.5 cut into 50 segments: the weights telescope to 1 - e^-1.
    "3d-vision/opacity": lambda: float(volume_render(np.full(50, 0.5), np.full(50, 0.04)).opacity),
    "3d-vision/stereo-depth": lambda: _stereo_depth(700.0, 0.12, 21.0),
}
