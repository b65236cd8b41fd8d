import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    """Confusion matrix C with C[i, j] = #(true == labels[i] and predicted == labels[j]).

    Parameters
    ----------
    y_true, y_pred : sequences of labels (ints or strings), same length n >= 1
    labels : sequence of labels, optional. Default: the sorted union of both inputs.
        Samples whose true or predicted label is not listed are left out.

    Returns
    -------
    C : ndarray of int, shape (len(labels), len(labels)); rows = truth, columns = prediction
    """
    raise NotImplementedError("map labels to indices, then count (row, column) pairs")
