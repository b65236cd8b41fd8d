import numpy as np


def _dual(alpha, y, K):
    """W(alpha) = ½ (alpha y)ᵀ K (alpha y) - sum alpha."""
    ay = alpha * y
    return 0.5 * ay @ K @ ay - alpha.sum()


def smo_step(alpha, y, K, C, i, j):
    """Jointly optimise alpha_i and alpha_j of the SVM dual (Platt's SMO step)."""
    alpha = np.array(alpha, dtype=float)             # a copy: the input stays as it was
    y = np.asarray(y, dtype=float)
    K = np.asarray(K, dtype=float)
    s = y[i] * y[j]

    # E_k = f(x_k) - y_k without the bias, which cancels in E_i - E_j.
    errors = K @ (alpha * y) - y
    # The feasible segment for alpha_j on the line y_i alpha_i + y_j alpha_j = const.
    if s < 0:
        low, high = max(0.0, alpha[j] - alpha[i]), min(C, C + alpha[j] - alpha[i])
    else:
        low, high = max(0.0, alpha[i] + alpha[j] - C), min(C, alpha[i] + alpha[j])
    if low == high:
        return alpha

    eta = K[i, i] + K[j, j] - 2 * K[i, j]           # curvature of W along the segment
    if eta > 0:
        new_j = alpha[j] + y[j] * (errors[i] - errors[j]) / eta
        new_j = min(max(new_j, low), high)           # the unconstrained minimum, clipped
    else:
        # W is linear or concave on the segment: its minimum is at an end.
        ends = []
        for candidate in (low, high):
            trial = alpha.copy()
            trial[i] = alpha[i] + s * (alpha[j] - candidate)
            trial[j] = candidate
            ends.append(_dual(trial, y, K))
        if ends[0] < ends[1]:
            new_j = low
        elif ends[1] < ends[0]:
            new_j = high
        else:
            return alpha
    alpha[i] = alpha[i] + s * (alpha[j] - new_j)     # keeps sum alpha y unchanged
    alpha[j] = new_j
    return alpha
