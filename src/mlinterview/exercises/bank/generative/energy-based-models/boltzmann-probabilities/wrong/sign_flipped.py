"""Uses exp(+E / T): the highest energy gets the largest probability instead of the
lowest."""
import numpy as np


def boltzmann_probabilities(energies, temperature):
    if not temperature > 0:
        raise ValueError("temperature: expected a number > 0")
    logits = np.asarray(energies, dtype=float) / temperature
    weights = np.exp(logits - logits.max())
    return weights / weights.sum()
