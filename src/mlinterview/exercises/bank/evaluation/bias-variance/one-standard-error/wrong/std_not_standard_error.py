"""Uses the standard deviation of the fold errors as the 'standard error' (forgets the
division by sqrt(k)), so the one-SE band is too wide."""
import numpy as np


def cv_degree_curve(x, y, degrees, n_splits):
    x, y = np.asarray(x, float), np.asarray(y, float)
    n, k = len(x), n_splits
    folds = np.array_split(np.arange(n), k)
    train_mse, cv_mse, cv_se = [], [], []
    for d in degrees:
        A = np.vander(x, d + 1, increasing=True)
        tr, va = [], []
        for idx in folds:
            mask = np.zeros(n, bool)
            mask[idx] = True
            coef, *_ = np.linalg.lstsq(A[~mask], y[~mask], rcond=None)
            r = y - A @ coef
            tr.append(np.mean(r[~mask] ** 2))
            va.append(np.mean(r[mask] ** 2))
        train_mse.append(np.mean(tr))
        cv_mse.append(np.mean(va))
        cv_se.append(np.std(va, ddof=1))
    cv_mse, cv_se = np.array(cv_mse), np.array(cv_se)
    best = int(np.argmin(cv_mse))
    simplest = int(np.argmax(cv_mse <= cv_mse[best] + cv_se[best]))
    return np.array(train_mse), cv_mse, cv_se, int(degrees[best]), int(degrees[simplest])
