"""The base-rate fallacy: answers with the sensitivity, P(+ | C), instead of P(C | +)."""
import numpy as np


def posterior(prior, sensitivity, specificity, positive=True):
    s = np.asarray(sensitivity, dtype=float) + 0 * np.asarray(prior, dtype=float)
    out = s if positive else 1 - s
    return float(out) if out.ndim == 0 else out
