"""Uses the specificity itself as P(+ | not C) instead of 1 - specificity."""
import numpy as np


def posterior(prior, sensitivity, specificity, positive=True):
    prior = np.asarray(prior, dtype=float)
    sens = np.asarray(sensitivity, dtype=float)
    spec = np.asarray(specificity, dtype=float)
    like_c, like_not = (sens, spec) if positive else (1 - sens, 1 - spec)
    joint = like_c * prior
    evidence = joint + like_not * (1 - prior)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(evidence > 0, joint / np.where(evidence > 0, evidence, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out
