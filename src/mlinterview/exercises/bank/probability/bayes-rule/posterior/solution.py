import numpy as np


def posterior(prior, sensitivity, specificity, positive=True):
    """P(condition | result) = P(result | C) P(C) / P(result)."""
    prior = np.asarray(prior, dtype=float)
    sensitivity = np.asarray(sensitivity, dtype=float)
    specificity = np.asarray(specificity, dtype=float)
    if positive:
        like_c, like_not = sensitivity, 1 - specificity         # P(+ | C), P(+ | not C)
    else:
        like_c, like_not = 1 - sensitivity, specificity         # P(- | C), P(- | not C)
    joint = like_c * prior
    evidence = joint + like_not * (1 - prior)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(evidence > 0, joint / np.where(evidence > 0, evidence, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out
