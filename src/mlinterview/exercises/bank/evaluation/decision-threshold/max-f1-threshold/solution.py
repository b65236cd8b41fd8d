import numpy as np


def max_f1_threshold(y_true, scores):
    """The candidate threshold (a distinct score, or inf) with the highest F1."""
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)

    best_threshold, best_f1 = np.inf, 0.0    # predicting nothing: TP = 0, so F1 = 0
    # Candidates from the largest down: a later one replaces the best only when STRICTLY
    # better, so ties keep the largest threshold.
    for t in np.unique(s)[::-1]:
        predicted = s >= t
        tp = np.sum(predicted & y)
        fp = np.sum(predicted & ~y)
        fn = np.sum(~predicted & y)
        f1 = 2 * tp / (2 * tp + fp + fn)     # the denominator is > 0: something is predicted
        if f1 > best_f1:
            best_threshold, best_f1 = t, f1
    return float(best_threshold), float(best_f1)
