"""The kalman-filter demo's table against closed forms and filterpy."""

import math

import numpy as np
import pytest
from filterpy.kalman import KalmanFilter as FPKalmanFilter
from filterpy.kalman import rts_smoother
from scipy.linalg import solve_discrete_are

from mlinterview.demos import registry
from mlinterview.demos.generative.kalman_filter import CHI2_2_95, rmse, simulate_target

SPEC = registry()["kalman-filter"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run()


@pytest.fixture(scope="module")
def rows(outcome):
    return {r[0]: r[1:] for r in outcome.result.table.rows}


def test_raw_error_is_the_sensor_noise(outcome, rows):
    # Two independent N(0, sigma^2) coordinates: expected squared distance 2 sigma^2.
    sigma = outcome.params["measurement_noise"]
    assert rows["raw measurements"][0] == pytest.approx(sigma * math.sqrt(2), rel=0.05)
    assert rows["raw measurements"][2] == pytest.approx(0.95, abs=0.02)
    chi2_95 = -2 * math.log(0.05)  # chi-square(2) quantile: its CDF is 1 - exp(-x / 2)
    assert abs(CHI2_2_95 - chi2_95) < 1e-12


def test_filter_and_smoother_rows_match_filterpy(outcome, rows):
    p = outcome.params
    states, zs, (F, H, Q, R) = simulate_target(p["n_steps"], p["accel_noise"],
                                                p["measurement_noise"], p["seed"])
    kf = FPKalmanFilter(dim_x=4, dim_z=2)
    kf.F, kf.H, kf.Q, kf.R = F, H, Q, R
    kf.x = np.array([[zs[0, 0]], [zs[0, 1]], [0.0], [0.0]])
    kf.P = np.diag([p["measurement_noise"] ** 2] * 2 + [10.0, 10.0])
    means, covs, _, _ = kf.batch_filter(zs[:, :, None])
    sm, _, _, _ = rts_smoother(means, covs, [F] * len(zs), [Q] * len(zs))
    means, sm = means[:, :, 0], sm[:, :, 0]
    assert rows["Kalman filter"][0] == pytest.approx(rmse(means[:, :2], states[:, :2]), abs=1e-4)
    assert rows["Kalman filter"][1] == pytest.approx(rmse(means[:, 2:], states[:, 2:]), abs=1e-4)
    assert rows["RTS smoother"][0] == pytest.approx(rmse(sm[:, :2], states[:, :2]), abs=1e-4)


def test_filter_error_matches_the_steady_state_riccati_solution(outcome, rows):
    """The filter's position error should match the steady-state posterior covariance,
    from the discrete algebraic Riccati equation (SciPy), within sampling error."""
    p = outcome.params
    _, _, (F, H, Q, R) = simulate_target(10, p["accel_noise"], p["measurement_noise"], 0)
    P_pred = solve_discrete_are(F.T, H.T, Q, R)
    S = H @ P_pred @ H.T + R
    P_post = P_pred - P_pred @ H.T @ np.linalg.solve(S, H @ P_pred)
    expected = math.sqrt(np.trace(P_post[:2, :2]))
    assert rows["Kalman filter"][0] == pytest.approx(expected, rel=0.15)


def test_ordering_and_calibration(rows):
    raw, filt, smooth = rows["raw measurements"], rows["Kalman filter"], rows["RTS smoother"]
    assert smooth[0] < filt[0] < raw[0]
    assert smooth[1] < filt[1] < raw[1]
    assert 0.88 <= filt[2] <= 0.99 and 0.88 <= smooth[2] <= 0.99
