import numpy as np


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    """Per-label, micro, macro, weighted and samples F1 of a multi-label prediction.

    Parameters
    ----------
    y_true, y_pred : array-like of 0/1, shape (n_samples, n_labels)
    zero_division : float (0.0 or 1.0), the F1 of a label or sample with
        2TP + FP + FN = 0

    Returns
    -------
    dict with "per_label" (ndarray (n_labels,)) and the floats "micro", "macro",
        "weighted" (by support in y_true) and "samples".
    """
    raise NotImplementedError("count TP, FP, FN per label (axis 0) and per sample (axis 1)")
