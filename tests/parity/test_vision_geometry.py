"""Two-view geometry and rendering (mlinterview.ml.vision) against closed forms and
scikit-image.

The eight-point fundamental matrix and the Sampson distance are checked against
scikit-image's ``FundamentalMatrixTransform`` on noisy correspondences. For the rest no
reference library does this exact job, so: synthetic cameras and points with known
answers (noise-free: recovered to 1e-8, up to the scale and sign that two views cannot
fix), the statistics of the noisy case, the closed form 1 - exp(-sigma L) of volume
rendering, numerical quadrature of the continuous rendering integral, and the analytic
Gaussian density for a splat.
"""

import warnings

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import multivariate_normal
from skimage.transform import FundamentalMatrixTransform

from mlinterview.ml.vision import (
    camera_matrix,
    eight_point,
    essential_from_fundamental,
    essential_to_pose,
    pose_candidates,
    project,
    reprojection_error,
    sampson_distance,
    splat_gaussians,
    to_homogeneous,
    triangulate,
    volume_render,
)


def rotation(axis, angle):
    """Rodrigues' formula."""
    a = np.asarray(axis, float) / np.linalg.norm(axis)
    Kx = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + np.sin(angle) * Kx + (1 - np.cos(angle)) * Kx @ Kx


def skew(t):
    return np.array([[0, -t[2], t[1]], [t[2], 0, -t[0]], [-t[1], t[0], 0]])


def canonical(M):
    M = M / np.linalg.norm(M)
    return M * np.sign(M.flat[np.argmax(np.abs(M))])


SCENES = [
    # (K, axis, angle, t, n_points, seed)
    (np.array([[800.0, 0, 320], [0, 800, 240], [0, 0, 1]]), [0.2, 1, 0.1], 0.3,
     [-1.0, 0.1, 0.2], 50, 0),
    (np.array([[500.0, 0, 250], [0, 520, 260], [0, 0, 1]]), [1, 0, 0], -0.2,
     [0.3, -0.8, 0.1], 8, 1),
    (np.array([[1200.0, 2.0, 640], [0, 1190, 360], [0, 0, 1]]), [0.3, -0.5, 1], 0.5,
     [2.0, 0.5, -0.4], 300, 2),
]


def scene(K, axis, angle, t, n, seed):
    rng = np.random.default_rng(seed)
    R, t = rotation(axis, angle), np.asarray(t, float)
    X = rng.uniform([-2, -2, 4], [2, 2, 9], (n, 3))
    P1, P2 = camera_matrix(K, np.eye(3), np.zeros(3)), camera_matrix(K, R, t)
    return R, t, X, P1, P2, project(P1, X), project(P2, X)


@pytest.mark.parametrize("K,axis,angle,t,n,seed", SCENES)
def test_noise_free_two_views_are_recovered_exactly(K, axis, angle, t, n, seed):
    R, t, X, P1, _, x1, x2 = scene(K, axis, angle, t, n, seed)
    F = eight_point(x1, x2)
    Kinv = np.linalg.inv(K)
    F_true = Kinv.T @ skew(t) @ R @ Kinv
    np.testing.assert_allclose(F, canonical(F_true), atol=1e-8)
    assert np.linalg.matrix_rank(F, tol=1e-10) == 2
    E = essential_from_fundamental(F, K)
    np.testing.assert_allclose(np.linalg.svd(E)[1], [1, 1, 0], atol=1e-10)
    R_hat, t_hat, front = essential_to_pose(E, x1, x2, K)
    np.testing.assert_allclose(R_hat, R, atol=1e-8)
    np.testing.assert_allclose(t_hat, t / np.linalg.norm(t), atol=1e-8)
    assert front.all()
    # Triangulated with the recovered (unit-length) baseline: the scene up to that scale.
    X_hat = triangulate([P1, camera_matrix(K, R_hat, t_hat)], [x1, x2])
    np.testing.assert_allclose(X_hat * np.linalg.norm(t), X, atol=1e-8)
    assert np.abs(sampson_distance(F, x1, x2)).max() < 1e-8


@pytest.mark.parametrize("n", [8, 9, 30, 300])
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
def test_eight_point_and_sampson_match_scikit_image_on_noisy_points(n, dtype):
    # Noisy, non-epipolar correspondences: the least-squares F depends on every detail
    # (normalisation, rank-2 projection), so agreement here is a real parity check.
    rng = np.random.default_rng(n)
    x1 = rng.uniform(0, 640, (n, 2))
    x2 = x1 + rng.normal(0, 20, (n, 2)) + [30.0, 5.0]
    x1, x2 = x1.astype(dtype), x2.astype(dtype)
    ref = FundamentalMatrixTransform()
    # Hartley's rule (mean distance to the centroid sqrt(2)), which eight_point uses;
    # scikit-image's default "rms" scales the root-mean-square distance instead.
    ref.scaling = "mrs"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # estimate() -> from_estimate()
        assert ref.estimate(x1.astype(np.float64), x2.astype(np.float64))
    F = eight_point(x1, x2)
    np.testing.assert_allclose(F, canonical(ref.params), rtol=0, atol=1e-12)
    np.testing.assert_allclose(sampson_distance(F, x1, x2),
                               ref.residuals(x1.astype(np.float64), x2.astype(np.float64)),
                               rtol=1e-9, atol=1e-12)


def test_pose_candidates_are_the_four_factorisations_and_one_passes_cheirality():
    K, axis, angle, t, n, seed = SCENES[0]
    R, t, _, P1, _, x1, x2 = scene(K, axis, angle, t, n, seed)
    E = skew(t) @ R
    cands = pose_candidates(E)
    assert len(cands) == 4
    in_front = []
    for Rc, tc in cands:
        assert np.linalg.det(Rc) == pytest.approx(1.0)
        np.testing.assert_allclose(Rc.T @ Rc, np.eye(3), atol=1e-12)
        np.testing.assert_allclose(canonical(skew(tc) @ Rc), canonical(E), atol=1e-10)
        Xc = triangulate([P1, camera_matrix(K, Rc, tc)], [x1, x2])
        in_front.append(((Xc[:, 2] > 0) & ((Xc @ Rc.T + tc)[:, 2] > 0)).mean())
    assert sorted(in_front) == [0.0, 0.0, 0.0, 1.0]


def test_triangulation_from_three_views_and_in_normalised_coordinates():
    rng = np.random.default_rng(3)
    K = np.array([[700.0, 0, 300], [0, 700, 200], [0, 0, 1]])
    X = rng.uniform([-1, -1, 3], [1, 1, 6], (40, 3))
    Ps = [camera_matrix(K, rotation([0, 1, 0], a), [-a * 3, 0.1 * a, 0]) for a in
          (0.0, 0.15, -0.2)]
    xs = [project(P, X) for P in Ps]
    np.testing.assert_allclose(triangulate(Ps, xs), X, atol=1e-9)
    for P, x in zip(Ps, xs, strict=True):
        assert reprojection_error(P, X, x).max() < 1e-9


def test_noisy_reprojection_error_is_at_the_noise_level():
    """Pixel noise sigma on both views. The best 3-D point has 3 unknowns for 4 measured
    coordinates, so the least-squares residual keeps 1 of 4 degrees of freedom: its mean
    squared distance per view is sigma^2 / 2 (RMS sigma / sqrt(2)), while the true point
    reprojects at RMS sigma sqrt(2). DLT minimises an algebraic error, close to that.
    """
    K, axis, angle, t, _, _ = SCENES[0]
    sigma = 0.5
    R, t, X, P1, P2, x1, x2 = scene(K, axis, angle, t, 4000, 7)
    rng = np.random.default_rng(8)
    n1 = x1 + rng.normal(0, sigma, x1.shape)
    n2 = x2 + rng.normal(0, sigma, x2.shape)
    Xn = triangulate([P1, P2], [n1, n2])
    rms = np.sqrt(np.mean(np.concatenate([reprojection_error(P1, Xn, n1),
                                          reprojection_error(P2, Xn, n2)]) ** 2))
    assert rms == pytest.approx(sigma / np.sqrt(2), rel=0.05)
    rms_true = np.sqrt(np.mean(reprojection_error(P1, X, n1) ** 2))
    assert rms_true == pytest.approx(sigma * np.sqrt(2), rel=0.05)
    # Whole pipeline on noisy matches: pose within a degree, reprojection error near sigma.
    F = eight_point(n1[:200], n2[:200])
    R_hat, t_hat, _ = essential_to_pose(essential_from_fundamental(F, K), n1, n2, K)
    angle_err = np.degrees(np.arccos(np.clip((np.trace(R_hat.T @ R) - 1) / 2, -1, 1)))
    assert angle_err < 1.0
    assert np.degrees(np.arccos(t_hat @ t / np.linalg.norm(t))) < 3.0
    P2_hat = camera_matrix(K, R_hat, t_hat)
    X_hat = triangulate([P1, P2_hat], [n1, n2])
    err = np.concatenate([reprojection_error(P1, X_hat, n1), reprojection_error(P2_hat, X_hat, n2)])
    assert np.sqrt(np.mean(err**2)) < sigma


# --- volume rendering ------------------------------------------------------------------

@pytest.mark.parametrize("sigma,length,n", [(0.3, 5.0, 100), (2.0, 1.0, 7), (0.0, 3.0, 10),
                                            (50.0, 2.0, 64)])
def test_constant_density_opacity_is_one_minus_exp(sigma, length, n):
    res = volume_render(np.full(n, sigma), length / n, colors=np.tile([0.2, 0.5, 1.0], (n, 1)))
    closed = 1 - np.exp(-sigma * length)
    assert res.opacity == pytest.approx(closed, abs=1e-12)
    assert res.weights.sum() == pytest.approx(closed, abs=1e-12)
    np.testing.assert_allclose(res.color, closed * np.array([0.2, 0.5, 1.0]), atol=1e-12)
    # Transmittance before sample i is exp(-sigma * i * delta).
    np.testing.assert_allclose(res.transmittance, np.exp(-sigma * length / n * np.arange(n)),
                               atol=1e-12)


def test_volume_render_converges_to_the_continuous_integral():
    """C = int_0^L c(t) sigma(t) exp(-int_0^t sigma) dt, by adaptive quadrature."""
    L = 4.0

    def sig(t):
        return 0.8 + 0.6 * np.sin(2 * t)

    def optical_depth(t):
        return 0.8 * t + 0.3 * (1 - np.cos(2 * t))

    def col(t):
        return t / L

    exact, _ = integrate.quad(lambda t: col(t) * sig(t) * np.exp(-optical_depth(t)), 0, L,
                              epsabs=1e-13)
    errors = []
    for n in (100, 1000, 10000):
        t = (np.arange(n) + 0.5) * L / n         # midpoints
        res = volume_render(sig(t), L / n, colors=col(t)[:, None])
        errors.append(abs(res.color[0] - exact))
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 1e-3


def test_volume_render_batched_rays_and_background():
    rng = np.random.default_rng(0)
    sig = rng.uniform(0, 3, (4, 5, 16))
    delta = rng.uniform(0.01, 0.2, (4, 5, 16))
    cols = rng.uniform(0, 1, (4, 5, 16, 3))
    bg = np.array([0.1, 0.2, 0.3])
    res = volume_render(sig, delta, cols, background=bg)
    # Direct product form for one ray.
    a = 1 - np.exp(-sig[2, 3] * delta[2, 3])
    T = np.concatenate([[1.0], np.cumprod(1 - a)[:-1]])
    np.testing.assert_allclose(res.weights[2, 3], T * a, atol=1e-12)
    expect = (T * a) @ cols[2, 3] + np.prod(1 - a) * bg
    np.testing.assert_allclose(res.color[2, 3], expect, atol=1e-12)


# --- Gaussian splatting -----------------------------------------------------------------

def test_one_splat_is_its_density_times_opacity():
    mean, cov, opacity = np.array([12.3, 9.6]), np.array([[6.0, 1.5], [1.5, 3.0]]), 0.7
    colour, bg = np.array([1.0, 0.5, 0.25]), np.array([0.0, 0.1, 0.2])
    img, alpha = splat_gaussians(mean[None], cov[None], colour[None], [opacity], [1.0],
                                 (20, 25), background=bg)
    ys, xs = np.indices((20, 25))
    pts = np.stack([xs.ravel(), ys.ravel()], 1)
    # Unnormalised Gaussian = pdf * 2 pi sqrt(det).
    g = multivariate_normal(mean, cov).pdf(pts).reshape(20, 25) * 2 * np.pi * np.sqrt(
        np.linalg.det(cov))
    np.testing.assert_allclose(alpha, opacity * g, atol=1e-12)
    np.testing.assert_allclose(img, (opacity * g)[..., None] * colour
                               + (1 - opacity * g)[..., None] * bg, atol=1e-12)


def test_splats_blend_front_to_back_whatever_the_input_order():
    means = np.array([[5.0, 5.0], [6.0, 5.0], [5.0, 6.0]])
    covs = np.array([np.eye(2) * 4, np.eye(2) * 2, [[3.0, 1.0], [1.0, 2.0]]])
    cols = np.eye(3)
    opac = np.array([0.9, 0.6, 0.8])
    depth = np.array([3.0, 1.0, 2.0])
    img, _ = splat_gaussians(means, covs, cols, opac, depth, (11, 12))
    perm = [2, 0, 1]
    img2, _ = splat_gaussians(means[perm], covs[perm], cols[perm], opac[perm], depth[perm],
                              (11, 12), chunk=7)
    np.testing.assert_allclose(img, img2, atol=1e-14)
    # Pixel (row 5, col 5) by hand, front to back: Gaussian 1, then 2, then 0.
    p = np.array([5.0, 5.0])
    a = [op * np.exp(-0.5 * (p - m) @ np.linalg.solve(c, p - m))
         for m, c, op in zip(means, covs, opac, strict=True)]
    expect = (a[1] * cols[1] + (1 - a[1]) * a[2] * cols[2]
              + (1 - a[1]) * (1 - a[2]) * a[0] * cols[0])
    np.testing.assert_allclose(img[5, 5], expect, atol=1e-12)
    # Opacity is capped (alpha_max), so no splat is fully opaque.
    _, alpha = splat_gaussians(means[:1], covs[:1], cols[:1], [1.0], [1.0], (11, 12))
    assert alpha.max() == pytest.approx(0.99)


# --- bad input ---------------------------------------------------------------------------

def test_bad_input():
    pts = np.zeros((10, 2))
    with pytest.raises(ValueError, match=r"^x1:"):
        eight_point(np.zeros((7, 2)), np.zeros((7, 2)))
    with pytest.raises(ValueError, match=r"^x2:"):
        eight_point(pts, np.zeros((9, 2)))
    with pytest.raises(ValueError, match=r"^x1:"):
        eight_point(np.zeros((10, 3)), pts)
    with pytest.raises(ValueError, match=r"^K1:"):
        essential_from_fundamental(np.eye(3), np.eye(2))
    with pytest.raises(ValueError, match=r"^cameras:"):
        triangulate([np.zeros((3, 4))], [pts])
    with pytest.raises(ValueError, match=r"^cameras\[1\]:"):
        triangulate([np.zeros((3, 4)), np.zeros((3, 3))], [pts, pts])
    with pytest.raises(ValueError, match=r"^points\[1\]:"):
        triangulate([np.zeros((3, 4))] * 2, [pts, pts[:5]])
    with pytest.raises(ValueError, match=r"^sigmas:"):
        volume_render([-1.0, 1.0], 0.1)
    with pytest.raises(ValueError, match=r"^deltas:"):
        volume_render([1.0, 1.0], [0.1, 0.0])
    with pytest.raises(ValueError, match=r"^colors:"):
        volume_render([1.0, 1.0], 0.1, colors=np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"^covariances:"):
        splat_gaussians([[0, 0]], [[[1, 0], [0, -1]]], [[1.0]], [0.5], [1.0], (4, 4))
    with pytest.raises(ValueError, match=r"^opacities:"):
        splat_gaussians([[0, 0]], [np.eye(2)], [[1.0]], [1.5], [1.0], (4, 4))
    assert to_homogeneous(pts).shape == (10, 3)
