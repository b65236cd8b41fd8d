import numpy as np


def imbalance_report(y_true, y_pred):
    """Majority-class baseline accuracy, accuracy and balanced accuracy."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    n = len(y_true)

    # Classes of y_true (sorted) and each sample's class index: one bincount counts them.
    classes, index = np.unique(y_true, return_inverse=True)
    support = np.bincount(index, minlength=len(classes))          # samples per true class

    # The constant classifier that always says "the majority class" is right this often.
    baseline = support.max() / n

    correct = y_pred == y_true
    accuracy = correct.mean()

    # Recall per true class: correct samples of that class / its samples. Classes seen
    # only in y_pred have no row here, so they are not averaged.
    hits = np.bincount(index[correct], minlength=len(classes))
    balanced = np.mean(hits / support)
    return float(baseline), float(accuracy), float(balanced)
