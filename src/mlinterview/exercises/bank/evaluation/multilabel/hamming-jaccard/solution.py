import numpy as np


def hamming_jaccard(y_true, y_pred):
    """Hamming loss and sample-averaged Jaccard index of two 0/1 label matrices."""
    y_true = np.asarray(y_true, dtype=bool)
    y_pred = np.asarray(y_pred, dtype=bool)
    # Every cell counts once: divide by samples x labels.
    hamming = float((y_true != y_pred).mean())
    inter = (y_true & y_pred).sum(axis=1)
    union = (y_true | y_pred).sum(axis=1)
    # Two empty sets agree perfectly: 1.0 rather than 0/0.
    per_sample = np.divide(inter, union, out=np.ones(len(union)), where=union > 0)
    return hamming, float(per_sample.mean())
