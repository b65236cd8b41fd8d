import numpy as np


def bootstrap_bias_variance(x_train, y_train, x_test, y_test, degree, num_rounds, seed):
    """Bootstrap estimate of expected loss, bias² and variance of polynomial regression."""
    x_train = np.asarray(x_train, dtype=float)
    y_train = np.asarray(y_train, dtype=float)
    x_test = np.asarray(x_test, dtype=float)
    y_test = np.asarray(y_test, dtype=float)
    n = len(x_train)

    # A polynomial with a constant term is linear in the columns 1, x, ..., x^degree,
    # so every fit is an ordinary least-squares problem on these design matrices.
    A_train = np.vander(x_train, degree + 1, increasing=True)      # (n, degree + 1)
    A_test = np.vander(x_test, degree + 1, increasing=True)        # (m, degree + 1)

    # One generator for all rounds: each round continues the same random stream.
    rng = np.random.RandomState(seed)
    predictions = np.empty((num_rounds, len(x_test)))
    for r in range(num_rounds):
        rows = rng.choice(n, size=n, replace=True)                   # a bootstrap resample
        coef, *_ = np.linalg.lstsq(A_train[rows], y_train[rows], rcond=None)
        predictions[r] = A_test @ coef

    # Decompose the (num_rounds, m) predictions around their mean at each test point.
    average = predictions.mean(axis=0)
    bias2 = np.mean((average - y_test) ** 2)
    variance = np.mean((predictions - average) ** 2)
    # mean (pred - y)² = bias² + variance exactly: the deviations from a mean sum to 0.
    return float(bias2 + variance), float(bias2), float(variance)
