import numpy as np


def max_f1_threshold(y_true, scores):
    """The candidate threshold (a distinct score, or inf) with the highest F1.

    Parameters
    ----------
    y_true : sequence of 0/1, length n >= 1
    scores : sequence of float, length n; positive when score >= threshold

    Returns
    -------
    (threshold, f1) : floats; F1 = 2TP / (2TP + FP + FN), 0 when that is 0/0; ties go
        to the largest threshold.
    """
    raise NotImplementedError("try every distinct score (and inf), keep the best F1")
