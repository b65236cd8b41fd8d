"""Kernel matrices: ``K[i, j] = k(x_i, y_j)`` for every pair of rows, vectorised.

A kernel is an inner product in some feature space, ``k(x, y) = φ(x)·φ(y)``, computed
without ever building ``φ``: that is the kernel trick. The four kernels of LIBSVM and
scikit-learn, with the same parameter names:

* linear  ``x·y``
* poly    ``(γ x·y + coef0)^degree``
* rbf     ``exp(-γ ||x - y||²)``
* sigmoid ``tanh(γ x·y + coef0)`` (not positive semi-definite for every γ, coef0)
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_array, check_option
from mlinterview.ml.svm._smo import kernel_block

KERNELS = ("linear", "poly", "rbf", "sigmoid")


def _pair(X, Y):
    X = check_array(X, "X").astype(np.float64, copy=False)
    Y = X if Y is None else check_array(Y, "Y").astype(np.float64, copy=False)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"Y: expected {X.shape[1]} features like X, got {Y.shape[1]}")
    return X, Y


def _gamma(X, gamma):
    return 1.0 / X.shape[1] if gamma is None else gamma


def linear_kernel(X, Y=None) -> np.ndarray:
    """``X (n, d)``, ``Y (m, d)`` (default ``X``) -> ``X Yᵀ`` of shape ``(n, m)``."""
    X, Y = _pair(X, Y)
    return kernel_block(X, Y, "linear", None, None, None)


def polynomial_kernel(X, Y=None, degree=3, gamma=None, coef0=1.0) -> np.ndarray:
    """``(γ X Yᵀ + coef0)^degree``, shape ``(n, m)``; ``gamma=None`` means ``1 / d``."""
    X, Y = _pair(X, Y)
    return kernel_block(X, Y, "poly", _gamma(X, gamma), degree, coef0)


def rbf_kernel(X, Y=None, gamma=None) -> np.ndarray:
    """``exp(-γ ||x_i - y_j||²)``, shape ``(n, m)``; ``gamma=None`` means ``1 / d``.

    The squared distances come from ``||x||² + ||y||² - 2 x·y`` (one matrix product);
    rounding can make that slightly negative for near-identical rows, hence the clip.
    """
    X, Y = _pair(X, Y)
    return kernel_block(X, Y, "rbf", _gamma(X, gamma), None, None)


def sigmoid_kernel(X, Y=None, gamma=None, coef0=1.0) -> np.ndarray:
    """``tanh(γ X Yᵀ + coef0)``, shape ``(n, m)``; ``gamma=None`` means ``1 / d``."""
    X, Y = _pair(X, Y)
    return kernel_block(X, Y, "sigmoid", _gamma(X, gamma), None, coef0)


def pairwise_kernels(X, Y=None, *, kernel="rbf", gamma=None, degree=3, coef0=0.0):
    """The kernel matrix of ``kernel`` (one of :data:`KERNELS`) between rows of X and Y."""
    check_option(kernel, "kernel", KERNELS)
    if kernel == "linear":
        return linear_kernel(X, Y)
    if kernel == "poly":
        return polynomial_kernel(X, Y, degree=degree, gamma=gamma, coef0=coef0)
    if kernel == "rbf":
        return rbf_kernel(X, Y, gamma=gamma)
    return sigmoid_kernel(X, Y, gamma=gamma, coef0=coef0)
