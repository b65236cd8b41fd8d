"""Takes 1 / (number of classes) as the baseline accuracy: that is chance for balanced
accuracy, but a constant majority-class model gets the majority share."""
import numpy as np


def imbalance_report(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    classes, index = np.unique(y_true, return_inverse=True)
    support = np.bincount(index)
    correct = y_pred == y_true
    hits = np.bincount(index[correct], minlength=len(classes))
    return 1.0 / len(classes), float(correct.mean()), float(np.mean(hits / support))
