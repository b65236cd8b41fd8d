import numpy as np


def min_cost_threshold(y_true, scores, cost_fp, cost_fn):
    """Threshold (a distinct score or inf) minimising cost_fp * FP + cost_fn * FN.

    Parameters
    ----------
    y_true : sequence of 0/1, length n
    scores : sequence of float, length n; predict positive when score >= threshold
    cost_fp, cost_fn : non-negative floats

    Returns
    -------
    (threshold, total_cost) : floats; ties go to the largest threshold.
    """
    raise NotImplementedError("sort by score, count FP and FN at every cut")
