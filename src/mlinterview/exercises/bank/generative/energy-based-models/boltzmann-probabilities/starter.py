import numpy as np


def boltzmann_probabilities(energies, temperature):
    """Boltzmann distribution p_i = exp(-E_i / T) / sum_j exp(-E_j / T), computed stably.

    Parameters
    ----------
    energies : sequence of float, shape (n,); inf marks a forbidden state
    temperature : float > 0

    Returns
    -------
    ndarray of shape (n,), non-negative, summing to 1

    Raises
    ------
    ValueError if temperature is not > 0
    """
    energies = np.asarray(energies, dtype=float)
    raise NotImplementedError("logits -E/T, shifted so the largest is 0, then normalise")
