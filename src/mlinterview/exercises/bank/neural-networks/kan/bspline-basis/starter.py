import numpy as np


def bspline_basis(x, knots, k):
    """B_{i,k}(x) for every basis function i on the (strictly increasing) knots, by the
    Cox-de Boor recursion: shape (len(x), len(knots) - k - 1)."""
    raise NotImplementedError("degree 0 indicators, then k steps of the recursion")
