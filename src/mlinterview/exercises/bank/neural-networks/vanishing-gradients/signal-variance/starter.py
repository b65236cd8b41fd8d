import numpy as np


def signal_variances(widths, init, activation, input_var=1.0):
    """Weight std sigma_l and pre-activation variance q_l of each of the L layers of a
    network with widths [n_0, ..., n_L]: two float arrays of shape (L,)."""
    raise NotImplementedError("sigma_l from the init scheme, then the variance recursion")
