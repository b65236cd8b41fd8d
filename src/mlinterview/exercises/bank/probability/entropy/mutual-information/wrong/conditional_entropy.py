"""Returns the conditional entropy H(X | Y) = H(X, Y) - H(Y), the uncertainty left,
instead of the information shared, H(X) - H(X | Y)."""
import numpy as np


def _h(p, base):
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))


def mutual_information(x, y, base=2.0):
    _, xi = np.unique(np.asarray(x), return_inverse=True)
    _, yi = np.unique(np.asarray(y), return_inverse=True)
    nb = yi.max() + 1
    p = np.bincount(xi * nb + yi, minlength=(xi.max() + 1) * nb).reshape(-1, nb) / xi.size
    return max(_h(p.ravel(), base) - _h(p.sum(0), base), 0.0)
