"""Forgets to divide by the evidence P(result): returns the joint P(result, C)."""
import numpy as np


def posterior(prior, sensitivity, specificity, positive=True):
    prior = np.asarray(prior, dtype=float)
    sens = np.asarray(sensitivity, dtype=float) + 0 * np.asarray(specificity, dtype=float)
    out = (sens if positive else 1 - sens) * prior
    return float(out) if out.ndim == 0 else out
