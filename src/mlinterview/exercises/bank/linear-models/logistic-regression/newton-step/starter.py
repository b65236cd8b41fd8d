import numpy as np
from scipy.special import expit


def newton_step(w, b, X, y, C):
    """Gradient, Hessian and one Newton step of C·(log loss) + ½||w||² (b unpenalised).

    Parameters
    ----------
    w : array-like (p,); b : float; X : array-like (n, p); y : array-like (n,) in {0, 1}
    C : float > 0

    Returns
    -------
    (grad (p+1,), hess (p+1, p+1), theta_new (p+1,)), parameters ordered [w..., b]
    """
    X = np.asarray(X, dtype=float)
    raise NotImplementedError("Xd = [X, 1]; grad and hess of the data term, plus the penalty")
