"""Uses the pair index i in the exponent (base^(-i/dim)) instead of 2i."""
import numpy as np


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    if dim % 2:
        raise ValueError("dim must be even")
    omega = float(base) ** (-np.arange(dim // 2) / dim)
    angles = np.arange(num_positions)[:, None] * omega[None, :]
    table = np.empty((num_positions, dim))
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles)
    return table
