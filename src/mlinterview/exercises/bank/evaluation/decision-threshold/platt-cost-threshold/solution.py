import numpy as np


def platt_cost_threshold(scores, y, cost_fp, cost_fn):
    """Platt-scale the scores, then turn the cost-optimal probability into a score threshold."""
    s = np.asarray(scores, dtype=float)
    pos = np.asarray(y) == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()

    # Platt's targets: a positive is "1 minus a little", a negative "0 plus a little"
    # (a Bayesian prior of one extra sample each way), which keeps the fit finite.
    t = np.where(pos, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))

    # Newton's method on (A, B). With z = A s + B, P = sigmoid(-z), and the loss
    # t·softplus(z) + (1 - t)·softplus(-z) has dloss/dz = sigmoid(z) - (1 - t)
    # and d²loss/dz² = sigmoid(z) sigmoid(-z).
    X = np.column_stack([s, np.ones_like(s)])            # dz/d(A, B)
    theta = np.array([0.0, np.log((n_neg + 1) / (n_pos + 1))])
    for _ in range(100):
        z = X @ theta
        one_minus_p = np.exp(-np.logaddexp(0.0, -z))     # sigmoid(z), stable
        gradient = X.T @ (one_minus_p - (1 - t))
        curvature = one_minus_p * (1 - one_minus_p)
        hessian = X.T @ (X * curvature[:, None])
        step = np.linalg.solve(hessian, gradient)
        theta = theta - step
        # Newton converges quadratically: once a step is this small, the next would be
        # below rounding, so theta is the optimum to machine precision.
        if np.max(np.abs(step)) <= 1e-12 * (1 + np.max(np.abs(theta))):
            break
    A, B = theta

    if A >= 0:
        raise ValueError("the fitted slope A >= 0: higher scores are not more likely positive")
    # P >= c_fp / (c_fp + c_fn)  <=>  A s + B <= log(c_fn / c_fp)  <=>  s >= ... (A < 0)
    return float(A), float(B), float((np.log(cost_fn / cost_fp) - B) / A)
