import numpy as np


def _compose(K, kernel, d):
    """The kernel of (x ⋆ K) ⋆ kernel-dilated-by-d: each tap (u, v) adds w · K at d·(u, v)."""
    kh, kw = kernel.shape
    out = np.zeros((K.shape[0] + d * (kh - 1), K.shape[1] + d * (kw - 1)))
    for u in range(kh):
        for v in range(kw):
            out[d * u:d * u + K.shape[0], d * v:d * v + K.shape[1]] += kernel[u, v] * K
    return out


def effective_kernel(kernels, dilations):
    """The dense kernel K of a stack of single-channel dilated 2-D cross-correlations
    (stride 1, no padding) and the boolean mask of the input offsets it can reach."""
    K = np.ones((1, 1))          # the empty stack is the identity
    support = np.ones((1, 1))    # the same with every weight 1: counts the paths
    for kernel, d in zip(kernels, dilations, strict=True):
        kernel = np.asarray(kernel, dtype=float)
        K = _compose(K, kernel, d)
        support = _compose(support, np.ones(kernel.shape), d)
    # Weights may cancel (K = 0 where paths exist); the all-ones stack cannot.
    return K, support > 0
