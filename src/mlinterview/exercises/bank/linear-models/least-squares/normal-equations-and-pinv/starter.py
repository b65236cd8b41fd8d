import numpy as np


def least_squares(A, b, method="normal"):
    """The x of shape (n,) minimising ||A x - b||, for A (m, n) and b (m,).

    method="normal": solve AᵀA x = Aᵀb (A has full column rank).
    method="pinv": x = pinv(A) @ b, the minimum-norm solution.
    """
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    raise NotImplementedError("normal equations, or the pseudoinverse")
