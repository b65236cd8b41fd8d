"""Numbers the positions from 1, so row 0 is the vector of position 1."""
import numpy as np


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    if dim % 2:
        raise ValueError("dim must be even")
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)
    angles = np.arange(1, num_positions + 1)[:, None] * omega[None, :]
    table = np.empty((num_positions, dim))
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles)
    return table
