"""Shifts the exponents by their minimum (the highest energy) instead of their maximum:
the lowest energies then get exponents far above 0, which overflow to inf when the
energies are spread out."""
import numpy as np


def boltzmann_probabilities(energies, temperature):
    if not temperature > 0:
        raise ValueError("temperature: expected a number > 0")
    logits = -np.asarray(energies, dtype=float) / temperature
    weights = np.exp(logits - logits.min())
    return weights / weights.sum()
