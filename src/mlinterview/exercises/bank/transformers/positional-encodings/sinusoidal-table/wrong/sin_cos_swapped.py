"""Puts the cosine in the even columns and the sine in the odd ones."""
import numpy as np


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    if dim % 2:
        raise ValueError("dim must be even")
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)
    angles = np.arange(num_positions)[:, None] * omega[None, :]
    table = np.empty((num_positions, dim))
    table[:, 0::2] = np.cos(angles)
    table[:, 1::2] = np.sin(angles)
    return table
