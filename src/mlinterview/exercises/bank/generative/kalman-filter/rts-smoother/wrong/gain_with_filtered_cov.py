"""Uses the filtered P_{k+1} instead of the predicted P-_{k+1} in the smoother gain."""
import numpy as np


def rts_smoother(zs, F, H, Q, R, x0, P0):
    zs = np.asarray(zs, dtype=float)
    F, H, Q, R, P = (np.asarray(a, dtype=float) for a in (F, H, Q, R, P0))
    x = np.asarray(x0, dtype=float)
    T, n = len(zs), len(x)
    xs, Ps, xp, Pp = np.empty((T, n)), np.empty((T, n, n)), np.empty((T, n)), np.empty((T, n, n))
    for k in range(T):
        x, P = F @ x, F @ P @ F.T + Q
        xp[k], Pp[k] = x, P
        if not np.isnan(zs[k]).all():
            K = P @ H.T @ np.linalg.inv(H @ P @ H.T + R)
            x, P = x + K @ (zs[k] - H @ x), (np.eye(n) - K @ H) @ P
        xs[k], Ps[k] = x, P
    for k in range(T - 2, -1, -1):
        G = Ps[k] @ F.T @ np.linalg.inv(Ps[k + 1])
        xs[k] = xs[k] + G @ (xs[k + 1] - xp[k + 1])
        Ps[k] = Ps[k] + G @ (Ps[k + 1] - Pp[k + 1]) @ G.T
    return xs, Ps
