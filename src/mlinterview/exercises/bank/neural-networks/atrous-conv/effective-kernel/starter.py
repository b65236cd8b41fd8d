import numpy as np


def effective_kernel(kernels, dilations):
    """The dense kernel K of a stack of single-channel dilated 2-D cross-correlations
    (stride 1, no padding) and the boolean mask of the input offsets it can reach."""
    raise NotImplementedError("fold the layers into K = [[1]] one tap at a time")
