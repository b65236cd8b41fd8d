"""Normalises exp(-E/T) without shifting the exponents first: for energies of 1e4 every
exp underflows to 0 (0 / 0 = NaN), for -1e4 it overflows to inf (inf / inf = NaN)."""
import numpy as np


def boltzmann_probabilities(energies, temperature):
    if not temperature > 0:
        raise ValueError("temperature: expected a number > 0")
    weights = np.exp(-np.asarray(energies, dtype=float) / temperature)
    return weights / weights.sum()
