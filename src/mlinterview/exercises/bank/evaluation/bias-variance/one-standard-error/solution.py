import numpy as np


def cv_degree_curve(x, y, degrees, n_splits):
    """Training and k-fold validation MSE of polynomial fits, and the degree to choose."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n, k = len(x), n_splits

    # KFold without shuffling: consecutive blocks, the first n % k one row longer.
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    stops = np.cumsum(sizes)
    starts = stops - sizes

    train_mse, cv_mse, cv_se = [], [], []
    for d in degrees:
        A = np.vander(x, d + 1, increasing=True)          # columns 1, x, ..., x^d
        fold_train, fold_valid = [], []
        for start, stop in zip(starts, stops, strict=True):
            held_out = np.zeros(n, dtype=bool)
            held_out[start:stop] = True
            coef, *_ = np.linalg.lstsq(A[~held_out], y[~held_out], rcond=None)
            residual = y - A @ coef                          # on every row at once
            fold_train.append(np.mean(residual[~held_out] ** 2))
            fold_valid.append(np.mean(residual[held_out] ** 2))
        train_mse.append(np.mean(fold_train))
        cv_mse.append(np.mean(fold_valid))                   # each fold counts once
        # Standard error of a mean of k fold errors: their spread / sqrt(k).
        cv_se.append(np.std(fold_valid, ddof=1) / np.sqrt(k))

    train_mse, cv_mse, cv_se = np.array(train_mse), np.array(cv_mse), np.array(cv_se)
    best = int(np.argmin(cv_mse))                            # the first minimum: smallest degree
    # Degrees increase along the arrays, so the first degree within one standard error
    # of the best is the simplest acceptable model.
    within = cv_mse <= cv_mse[best] + cv_se[best]
    simplest = int(np.argmax(within))
    return train_mse, cv_mse, cv_se, int(degrees[best]), int(degrees[simplest])
