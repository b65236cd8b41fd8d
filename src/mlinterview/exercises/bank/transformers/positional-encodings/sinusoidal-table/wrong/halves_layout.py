"""Writes all the sines first and all the cosines after them (concatenated halves)."""
import numpy as np


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    if dim % 2:
        raise ValueError("dim must be even")
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)
    angles = np.arange(num_positions)[:, None] * omega[None, :]
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
