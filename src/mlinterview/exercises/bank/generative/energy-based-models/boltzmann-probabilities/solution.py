import numpy as np


def boltzmann_probabilities(energies, temperature):
    """p_i = exp(-E_i / T) / Z for a 1-D array of energies, shape (n,); ValueError unless
    temperature > 0."""
    # Written as "not > 0" so that NaN, which fails every comparison, is refused too.
    if not temperature > 0:
        raise ValueError(f"temperature: expected a number > 0, got {temperature!r}")
    logits = -np.asarray(energies, dtype=float) / temperature
    # Subtracting the largest logit changes no probability (it cancels in the ratio) and
    # keeps every exponent <= 0: no overflow, and the largest term is exactly 1, so the
    # sum cannot underflow to 0 either.
    weights = np.exp(logits - logits.max())
    return weights / weights.sum()
