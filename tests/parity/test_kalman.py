"""KalmanFilter / ExtendedKalmanFilter against filterpy, a hand-derived 1-D closed form and
brute-force Gaussian conditioning on the joint distribution.

Tolerance: 1e-10 absolute on means, covariances and log-likelihoods (both sides do the
same float64 algebra; ours uses solve where filterpy inverts S, which moves the last few
bits only). The brute-force joint is compared at 1e-8 (it inverts a (T*m)x(T*m) matrix).
"""

import math

import numpy as np
import pytest
from filterpy.kalman import ExtendedKalmanFilter as FPExtendedKalmanFilter
from filterpy.kalman import KalmanFilter as FPKalmanFilter
from filterpy.kalman import rts_smoother as fp_rts_smoother
from scipy.stats import multivariate_normal

from mlinterview.ml.filters import ExtendedKalmanFilter, KalmanFilter

TOL = 1e-10


def random_model(rng, n, m, p=0):
    """A stable random linear-Gaussian model with SPD noise covariances."""
    F = rng.normal(size=(n, n))
    F *= 0.95 / max(1.0, np.abs(np.linalg.eigvals(F)).max())
    H = rng.normal(size=(m, n))
    A = rng.normal(size=(n, n))
    Q = A @ A.T / n + 0.1 * np.eye(n)
    C = rng.normal(size=(m, m))
    R = C @ C.T / m + 0.5 * np.eye(m)
    B = rng.normal(size=(n, p)) if p else None
    return F, H, Q, R, B


def constant_velocity(dt=1.0, q=0.05, r=2.0):
    F = np.array([[1, 0, dt, 0], [0, 1, 0, dt], [0, 0, 1, 0], [0, 0, 0, 1.0]])
    H = np.array([[1, 0, 0, 0], [0, 1, 0, 0.0]])
    G = np.array([[dt**2 / 2, 0], [0, dt**2 / 2], [dt, 0], [0, dt]])
    return F, H, q * G @ G.T, r * np.eye(2), None


def simulate(rng, F, H, Q, R, B, T, x0):
    n, m = F.shape[0], H.shape[0]
    us = rng.normal(size=(T, B.shape[1])) if B is not None else None
    x, zs = x0.copy(), np.empty((T, m))
    for k in range(T):
        x = F @ x + (B @ us[k] if B is not None else 0) + rng.multivariate_normal(np.zeros(n), Q)
        zs[k] = H @ x + rng.multivariate_normal(np.zeros(m), R)
    return zs, us


def filterpy_run(F, H, Q, R, B, x0, P0, zs, us):
    """filterpy step by step: means, covariances and per-step log-likelihoods."""
    n, m = F.shape[0], H.shape[0]
    kf = FPKalmanFilter(dim_x=n, dim_z=m, dim_u=0 if B is None else B.shape[1])
    kf.F, kf.H, kf.Q, kf.R = F, H, Q, R
    if B is not None:
        kf.B = B
    kf.x, kf.P = x0[:, None].copy(), P0.copy()
    means, covs, lls = [], [], []
    for k, z in enumerate(zs):
        kf.predict(u=None if us is None else us[k][:, None])
        if np.isnan(z).all():
            kf.update(None)
            lls.append(0.0)
        else:
            kf.update(z[:, None])
            lls.append(kf.log_likelihood)
        means.append(kf.x[:, 0].copy())
        covs.append(kf.P.copy())
    return np.array(means), np.array(covs), np.array(lls)


MODELS = {
    "cv-4-state": lambda rng: constant_velocity(),
    "random-3x1-control": lambda rng: random_model(rng, 3, 1, p=2),
    "random-2x3": lambda rng: random_model(rng, 2, 3),
    "random-5x2-control": lambda rng: random_model(rng, 5, 2, p=1),
    "scalar": lambda rng: random_model(rng, 1, 1),
}


@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("T", [1, 40, 400])
def test_filter_matches_filterpy(name, T):
    rng = np.random.default_rng(1000 * sorted(MODELS).index(name) + T)
    F, H, Q, R, B = MODELS[name](rng)
    n = F.shape[0]
    x0 = rng.normal(size=n)
    P0 = 2.0 * np.eye(n)
    zs, us = simulate(rng, F, H, Q, R, B, T, x0)
    kf = KalmanFilter(F, H, Q, R, B=B, x0=x0, P0=P0)
    res = kf.filter(zs, us)
    means, covs, lls = filterpy_run(F, H, Q, R, B, x0, P0, zs, us)
    np.testing.assert_allclose(res.means, means, rtol=0, atol=TOL)
    np.testing.assert_allclose(res.covariances, covs, rtol=0, atol=TOL)
    np.testing.assert_allclose(res.log_likelihoods, lls, rtol=0, atol=TOL)
    assert res.log_likelihood == pytest.approx(lls.sum(), abs=TOL * T)
    # The filter is left at the last posterior, like filterpy's.
    np.testing.assert_allclose(kf.x, means[-1], atol=TOL)


def test_missing_measurements_match_filterpy_skipping_update():
    rng = np.random.default_rng(3)
    F, H, Q, R, _ = constant_velocity()
    zs, _ = simulate(rng, F, H, Q, R, None, 300, np.zeros(4))
    zs[[0, 5, 6, 7, 150, 299]] = np.nan
    res = KalmanFilter(F, H, Q, R).filter(zs)
    means, covs, lls = filterpy_run(F, H, Q, R, None, np.zeros(4), np.eye(4), zs, None)
    np.testing.assert_allclose(res.means, means, rtol=0, atol=TOL)
    np.testing.assert_allclose(res.covariances, covs, rtol=0, atol=TOL)
    np.testing.assert_allclose(res.log_likelihoods, lls, rtol=0, atol=TOL)
    # A missing step is a pure prediction: the covariance grows.
    assert np.trace(res.covariances[6]) > np.trace(res.covariances[4])


def test_step_api_matches_filterpy():
    rng = np.random.default_rng(4)
    F, H, Q, R, B = random_model(rng, 3, 2, p=1)
    kf = KalmanFilter(F, H, Q, R, B=B)
    ref = FPKalmanFilter(dim_x=3, dim_z=2, dim_u=1)
    ref.F, ref.H, ref.Q, ref.R, ref.B = F, H, Q, R, B
    ref.x = np.zeros((3, 1))
    for _ in range(5):
        u, z = rng.normal(size=1), rng.normal(size=2)
        x, P = kf.predict(u)
        ref.predict(u=u[:, None])
        np.testing.assert_allclose(x, ref.x[:, 0], atol=TOL)
        np.testing.assert_allclose(P, ref.P, atol=TOL)
        kf.update(z)
        ref.update(z[:, None])
        np.testing.assert_allclose(kf.x, ref.x[:, 0], atol=TOL)
        np.testing.assert_allclose(kf.P, ref.P, atol=TOL)
        np.testing.assert_allclose(kf.K, ref.K, atol=TOL)
        np.testing.assert_allclose(kf.S, ref.S, atol=TOL)
        assert kf.log_likelihood == pytest.approx(ref.log_likelihood, abs=TOL)


def test_random_walk_closed_form():
    """1-D random walk x_k = x_{k-1} + w, z_k = x_k + v, worked by hand.

    Predict: P- = P + q. Gain: K = P- / (P- + r). Update: x += K (z - x), P = r P- / (P- + r).
    Log-likelihood: -(log(2 pi S) + y^2 / S) / 2 with S = P- + r. The predicted variance
    converges to the positive root of P^2 - q P - q r = 0.
    """
    q, r = 0.3, 2.0
    zs = np.array([1.0, 0.4, -0.2, 2.5, 1.1, 0.0, 0.7])
    res = KalmanFilter([[1.0]], [[1.0]], [[q]], [[r]], x0=[0.0], P0=[[1.0]]).filter(zs)
    x, P = 0.0, 1.0
    for k, z in enumerate(zs):
        Pm = P + q
        S = Pm + r
        y = z - x
        x, P = x + Pm / S * y, r * Pm / S
        assert res.means[k, 0] == pytest.approx(x, abs=TOL)
        assert res.covariances[k, 0, 0] == pytest.approx(P, abs=TOL)
        assert res.predicted_covariances[k, 0, 0] == pytest.approx(Pm, abs=TOL)
        assert res.log_likelihoods[k] == pytest.approx(
            -0.5 * (math.log(2 * math.pi * S) + y * y / S), abs=TOL)
    # Steady state, after many steps (this also runs the constant-gain fast path).
    long = KalmanFilter([[1.0]], [[1.0]], [[q]], [[r]]).filter(np.zeros(200))
    p_inf = (q + math.sqrt(q * q + 4 * q * r)) / 2
    assert long.predicted_covariances[-1, 0, 0] == pytest.approx(p_inf, abs=1e-12)
    assert long.covariances[-1, 0, 0] == pytest.approx(r * p_inf / (p_inf + r), abs=1e-12)


def joint_gaussian(F, H, Q, R, B, x0, P0, us, T):
    """Mean and covariance of (x_1..x_T, z_1..z_T) built from the independent noises."""
    n = F.shape[0]
    # x_k = F^k x_0-part + sum_j F^{k-j} (B u_j + w_j); write x = a + L e with
    # e = (x_prior, w_1..w_T) ~ N((x0, 0..), blockdiag(P0, Q..)).
    dim_e = n * (T + 1)
    L = np.zeros((T * n, dim_e))
    a = np.zeros(T * n)
    prev_L = np.hstack([np.eye(n), np.zeros((n, dim_e - n))])
    prev_a = x0.copy()
    for k in range(T):
        cur_L = F @ prev_L
        cur_L[:, n * (k + 1):n * (k + 2)] += np.eye(n)
        cur_a = F @ prev_a + (B @ us[k] if B is not None else 0)
        L[k * n:(k + 1) * n], a[k * n:(k + 1) * n] = cur_L, cur_a
        prev_L, prev_a = cur_L, cur_a
    Ce = np.zeros((dim_e, dim_e))
    Ce[:n, :n] = P0
    for k in range(T):
        Ce[n * (k + 1):n * (k + 2), n * (k + 1):n * (k + 2)] = Q
    Cx = L @ Ce @ L.T
    Hb = np.kron(np.eye(T), H)
    Cz = Hb @ Cx @ Hb.T + np.kron(np.eye(T), R)
    return a, Cx, Hb @ a, Hb @ Cx, Cz


@pytest.mark.parametrize("n,m,p,T", [(1, 1, 0, 5), (2, 1, 1, 6), (3, 2, 2, 4), (4, 2, 0, 7)])
def test_smoother_and_likelihood_equal_brute_force_conditioning(n, m, p, T):
    rng = np.random.default_rng(10 * n + T)
    F, H, Q, R, B = random_model(rng, n, m, p)
    x0, P0 = rng.normal(size=n), 1.5 * np.eye(n)
    zs, us = simulate(rng, F, H, Q, R, B, T, x0)
    kf = KalmanFilter(F, H, Q, R, B=B, x0=x0, P0=P0)
    res = kf.filter(zs, us)
    sm_means, sm_covs = kf.rts_smoother(res)

    mx, Cx, mz, Cxz_T, Cz = joint_gaussian(F, H, Q, R, B, x0, P0, us, T)
    z = zs.reshape(-1)
    post_mean = mx + Cxz_T.T @ np.linalg.solve(Cz, z - mz)
    post_cov = Cx - Cxz_T.T @ np.linalg.solve(Cz, Cxz_T)
    np.testing.assert_allclose(sm_means, post_mean.reshape(T, n), atol=1e-8)
    for k in range(T):
        np.testing.assert_allclose(sm_covs[k], post_cov[k * n:(k + 1) * n, k * n:(k + 1) * n],
                                   atol=1e-8)
    # The last smoothed step is the last filtered step; the total log-likelihood is the
    # log-density of all measurements under their joint Gaussian.
    np.testing.assert_allclose(sm_means[-1], res.means[-1], atol=TOL)
    assert res.log_likelihood == pytest.approx(multivariate_normal(mz, Cz).logpdf(z), abs=1e-8)
    # Filtering at the last step = conditioning x_T on all z (checks the filter itself).
    np.testing.assert_allclose(res.means[-1], post_mean[-n:], atol=1e-8)


@pytest.mark.parametrize("T", [3, 60])
def test_smoother_matches_filterpy_rts(T):
    rng = np.random.default_rng(T)
    F, H, Q, R, _ = constant_velocity()
    zs, _ = simulate(rng, F, H, Q, R, None, T, np.zeros(4))
    kf = KalmanFilter(F, H, Q, R)
    res = kf.filter(zs)
    xs, Ps = kf.rts_smoother(res)
    ref_x, ref_P, _, _ = fp_rts_smoother(res.means[:, :, None], res.covariances,
                                         [F] * T, [Q] * T)
    np.testing.assert_allclose(xs, ref_x[:, :, 0], atol=TOL)
    np.testing.assert_allclose(Ps, ref_P, atol=TOL)
    # Smoothing never increases the variance of any coordinate.
    assert (np.diagonal(Ps, axis1=1, axis2=2) <= np.diagonal(res.covariances, axis1=1,
                                                             axis2=2) + 1e-12).all()


def test_float32_and_integer_inputs_are_promoted_to_float64():
    zs = np.array([[1], [2], [3]], dtype=np.float32)
    a = KalmanFilter([[1]], [[1]], [[1]], [[2]]).filter(zs)
    b = KalmanFilter(1.0, [[1.0]], 1.0, 2.0).filter(zs.astype(np.float64).ravel())
    assert a.means.dtype == np.float64
    np.testing.assert_allclose(a.means, b.means, atol=0)


# --- Extended Kalman filter: a pendulum observed through the sine of its angle -----------

DT, G = 0.05, 9.81


def f(x):
    return np.array([x[0] + DT * x[1], x[1] - DT * G * np.sin(x[0])])


def F_jac(x):
    return np.array([[1.0, DT], [-DT * G * np.cos(x[0]), 1.0]])


def h(x):
    return np.array([np.sin(x[0]), x[1] ** 2 / 10])


def H_jac(x):
    return np.array([[np.cos(x[0]), 0.0], [0.0, x[1] / 5]])


def test_ekf_matches_filterpy_on_a_pendulum():
    rng = np.random.default_rng(7)
    Q = np.diag([1e-4, 1e-3])
    R = np.diag([0.05, 0.02])
    x, zs = np.array([1.0, 0.0]), []
    for _ in range(80):
        x = f(x) + rng.multivariate_normal(np.zeros(2), Q)
        zs.append(h(x) + rng.multivariate_normal(np.zeros(2), R))
    zs = np.array(zs)

    ours = ExtendedKalmanFilter(f, F_jac, h, H_jac, Q, R, x0=[0.8, 0.1], P0=0.1 * np.eye(2))
    res = ours.filter(zs)

    class Pendulum(FPExtendedKalmanFilter):
        def predict_x(self, u=0):
            self.x = f(self.x[:, 0])[:, None]

    ref = Pendulum(dim_x=2, dim_z=2)
    ref.x, ref.P, ref.Q, ref.R = np.array([[0.8], [0.1]]), 0.1 * np.eye(2), Q, R
    for k, z in enumerate(zs):
        ref.F = F_jac(ref.x[:, 0])  # filterpy's EKF takes the Jacobian as an attribute
        ref.predict()
        ref.update(z[:, None], lambda s: H_jac(s[:, 0]), lambda s: h(s[:, 0])[:, None])
        np.testing.assert_allclose(res.means[k], ref.x[:, 0], atol=TOL)
        np.testing.assert_allclose(res.covariances[k], ref.P, atol=TOL)
        y = z - h(res.predicted_means[k])
        assert res.log_likelihoods[k] == pytest.approx(
            multivariate_normal(np.zeros(2), ref.S).logpdf(y), abs=TOL)


def test_ekf_on_a_linear_model_equals_the_kalman_filter():
    rng = np.random.default_rng(8)
    F, H, Q, R, _ = random_model(rng, 3, 2)
    zs = rng.normal(size=(30, 2))
    a = KalmanFilter(F, H, Q, R).filter(zs)
    b = ExtendedKalmanFilter(lambda x: F @ x, lambda x: F, lambda x: H @ x, lambda x: H,
                             Q, R, x0=np.zeros(3)).filter(zs)
    np.testing.assert_allclose(b.means, a.means, atol=TOL)
    np.testing.assert_allclose(b.covariances, a.covariances, atol=TOL)
    np.testing.assert_allclose(b.log_likelihoods, a.log_likelihoods, atol=TOL)


# --- bad input -----------------------------------------------------------------------------

I2, I4 = np.eye(2), np.eye(4)
H24 = np.zeros((2, 4))


@pytest.mark.parametrize("kwargs,match", [
    (dict(F=np.eye(3)[:2], H=H24, Q=I4, R=I2), "F"),
    (dict(F=I4, H=np.zeros((2, 3)), Q=I4, R=I2), "H"),
    (dict(F=I4, H=H24, Q=np.eye(3), R=I2), "Q"),
    (dict(F=I4, H=H24, Q=I4, R=np.eye(3)), "R"),
    (dict(F=I4, H=H24, Q=I4, R=np.array([[1.0, 0.5], [0.0, 1.0]])), "R"),
    (dict(F=I4, H=H24, Q=-I4, R=I2), "Q"),
    (dict(F=I4, H=H24, Q=I4, R=I2, B=np.zeros((3, 1))), "B"),
    (dict(F=I4, H=H24, Q=I4, R=I2, x0=np.zeros(3)), "x0"),
    (dict(F=I4, H=H24, Q=I4, R=I2, P0=np.eye(3)), "P0"),
    (dict(F=I4 * np.nan, H=H24, Q=I4, R=I2), "F"),
])
def test_bad_model_raises_naming_the_matrix(kwargs, match):
    with pytest.raises(ValueError, match=rf"^{match}:"):
        KalmanFilter(**kwargs)


def test_bad_measurements_and_controls_raise():
    kf = KalmanFilter(I4, H24, I4, I2)
    with pytest.raises(ValueError, match=r"^zs:"):
        kf.filter(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"^z:"):
        kf.update(np.zeros(3))
    with pytest.raises(ValueError, match=r"^us:"):
        kf.filter(np.zeros((5, 2)), us=np.zeros((5, 1)))
    with pytest.raises(ValueError, match=r"^u:"):
        kf.predict(u=[1.0])
    with pytest.raises(ValueError, match=r"^zs:"):
        kf.filter(np.array([[1.0, np.nan]]))
    with pytest.raises(TypeError, match=r"^F:"):
        KalmanFilter(None, H24, I4, I2)
    with pytest.raises(TypeError, match=r"^result:"):
        kf.rts_smoother((np.zeros((2, 4)), np.zeros((2, 4, 4))))
    kfb = KalmanFilter(I4, H24, I4, I2, B=np.ones((4, 1)))
    with pytest.raises(ValueError, match=r"^us:"):
        kfb.filter(np.zeros((5, 2)), us=np.zeros((4, 1)))
    with pytest.raises(TypeError, match=r"^h:"):
        ExtendedKalmanFilter(f, F_jac, "h", H_jac, I2, I2, x0=np.zeros(2))
    ekf = ExtendedKalmanFilter(f, F_jac, h, H_jac, I2, I2, x0=np.zeros(2))
    with pytest.raises(ValueError, match=r"^z:"):
        ekf.update(np.zeros(3))
