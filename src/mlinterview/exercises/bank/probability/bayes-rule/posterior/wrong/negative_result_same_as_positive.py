"""Ignores the test result: always computes P(C | +)."""
import numpy as np


def posterior(prior, sensitivity, specificity, positive=True):
    prior = np.asarray(prior, dtype=float)
    sens = np.asarray(sensitivity, dtype=float)
    spec = np.asarray(specificity, dtype=float)
    joint = sens * prior
    evidence = joint + (1 - spec) * (1 - prior)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(evidence > 0, joint / np.where(evidence > 0, evidence, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out
