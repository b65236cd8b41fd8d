import numpy as np


def fm_pairwise(X, V):
    """½ Σ_f [(Σ_i v_if x_i)² − Σ_i v_if² x_i²]: the pair sum without the pairs."""
    X = np.asarray(X, dtype=float)
    V = np.asarray(V, dtype=float)
    XV = X @ V                                   # (n, k): Σ_i v_if x_i
    squares = (X * X) @ (V * V)                  # (n, k): the i = j terms to remove
    return 0.5 * np.sum(XV * XV - squares, axis=1)
