import numpy as np


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    """PE[p, 2i] = sin(p w_i), PE[p, 2i+1] = cos(p w_i), w_i = base^(-2i/dim)."""
    if dim % 2:
        raise ValueError(f"dim must be even, got {dim}")
    # One speed per pair: the exponent is the even column index 2i over dim.
    omega = float(base) ** (-np.arange(0, dim, 2) / dim)            # (dim/2,)
    angles = np.arange(num_positions)[:, None] * omega[None, :]     # (positions, dim/2)
    table = np.empty((num_positions, dim))
    table[:, 0::2] = np.sin(angles)                                  # even columns: sine
    table[:, 1::2] = np.cos(angles)                                  # odd columns: cosine
    return table
