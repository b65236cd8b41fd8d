import numpy as np


def rts_smoother(zs, F, H, Q, R, x0, P0):
    """Means (T, n) and covariances (T, n, n) of p(x_k | z_1..z_T)."""
    zs = np.asarray(zs, dtype=float)
    F, H, Q, R, P = (np.asarray(a, dtype=float) for a in (F, H, Q, R, P0))
    x = np.asarray(x0, dtype=float)
    T, n = len(zs), len(x)
    means, covs = np.empty((T, n)), np.empty((T, n, n))
    pred_means, pred_covs = np.empty((T, n)), np.empty((T, n, n))
    # Forward: the Kalman filter, keeping the one-step predictions.
    for k in range(T):
        x = F @ x
        P = F @ P @ F.T + Q
        pred_means[k], pred_covs[k] = x, P
        if not np.isnan(zs[k]).all():                  # a row of NaN: nothing to update
            S = H @ P @ H.T + R
            K = np.linalg.solve(S, H @ P).T            # P H^T S^-1 (S, P symmetric)
            x = x + K @ (zs[k] - H @ x)
            P = (np.eye(n) - K @ H) @ P
        means[k], covs[k] = x, P
    # Backward: correct each step with the smoothed belief of the next one.
    for k in range(T - 2, -1, -1):
        G = np.linalg.solve(pred_covs[k + 1], F @ covs[k]).T   # P_k F^T (P-_{k+1})^-1
        means[k] = means[k] + G @ (means[k + 1] - pred_means[k + 1])
        covs[k] = covs[k] + G @ (covs[k + 1] - pred_covs[k + 1]) @ G.T
    return means, covs
