import numpy as np


def precision_recall_f1(y_true, y_pred, average="binary"):
    """Precision, recall and F1 of predicted labels.

    Parameters
    ----------
    y_true, y_pred : sequence of int, length n_samples
        True and predicted class labels.
    average : {"binary", "macro"}
        "binary": class 1 is positive. "macro": mean over every class present in
        y_true or y_pred of the per-class (one-vs-rest) numbers.

    Returns
    -------
    (precision, recall, f1) : tuple of three floats; a 0/0 counts as 0.0.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    raise NotImplementedError("count TP, FP and FN, then divide")
