import numpy as np


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    """The (num_positions, dim) table PE[p, 2i] = sin(p w_i), PE[p, 2i+1] = cos(p w_i),
    with w_i = base ** (-2i / dim).

    Parameters
    ----------
    num_positions : int >= 1
    dim : int, even (ValueError otherwise)
    base : float > 1

    Returns
    -------
    float array of shape (num_positions, dim)
    """
    raise NotImplementedError("one angle per (position, pair), then sines and cosines")
