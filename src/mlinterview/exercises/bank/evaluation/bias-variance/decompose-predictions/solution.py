import numpy as np


def bias_variance_noise(predictions, f_true, y_test):
    """Bias², variance and noise of R models' predictions (R, n) at n test points."""
    P = np.asarray(predictions, dtype=float)       # (R, n): one row per model
    f = np.asarray(f_true, dtype=float)             # (n,) the truth, without noise
    y = np.asarray(y_test, dtype=float)             # (n,) what was observed

    # The average model: one prediction per test point, the mean over the R models.
    average = P.mean(axis=0)

    # Square first, then average over test points: errors of opposite sign must not cancel.
    bias2 = np.mean((average - f) ** 2)
    # Spread of the models around their average, divided by R (a population variance).
    variance = np.mean((P - average) ** 2)
    # The irreducible part: how far the observations are from the truth.
    noise = np.mean((y - f) ** 2)
    return float(bias2), float(variance), float(noise)
