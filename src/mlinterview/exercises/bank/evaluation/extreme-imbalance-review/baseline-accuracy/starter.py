import numpy as np


def imbalance_report(y_true, y_pred):
    """Majority-class baseline accuracy, accuracy and balanced accuracy.

    Parameters
    ----------
    y_true, y_pred : sequence of int, length n >= 1

    Returns
    -------
    (baseline_accuracy, accuracy, balanced_accuracy) : three floats. The baseline always
        predicts the most frequent class of y_true; balanced accuracy is the mean recall
        over the classes present in y_true.
    """
    raise NotImplementedError("count the classes of y_true, then the correct predictions")
