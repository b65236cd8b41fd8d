"""Multiplies the energies by the temperature, exp(-E * T), instead of dividing: a low
temperature then flattens the distribution instead of sharpening it."""
import numpy as np


def boltzmann_probabilities(energies, temperature):
    if not temperature > 0:
        raise ValueError("temperature: expected a number > 0")
    logits = -np.asarray(energies, dtype=float) * temperature
    weights = np.exp(logits - logits.max())
    return weights / weights.sum()
