import numpy as np


def _divide(num, den):
    """num / den elementwise, with 0 where den == 0 (the 0/0 convention)."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def precision_recall_f1(y_true, y_pred, average="binary"):
    """Precision, recall and F1 of predicted labels (binary for class 1, or macro)."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if average == "binary":
        classes = np.array([1])
    elif average == "macro":
        classes = np.union1d(y_true, y_pred)
    else:
        raise ValueError(f"average must be 'binary' or 'macro', got {average!r}")

    # One column per class: is this sample (truly / predicted) of that class?
    is_true = y_true[:, None] == classes[None, :]
    is_pred = y_pred[:, None] == classes[None, :]
    tp = (is_true & is_pred).sum(axis=0)
    fp = (~is_true & is_pred).sum(axis=0)
    fn = (is_true & ~is_pred).sum(axis=0)

    precision = _divide(tp, tp + fp)
    recall = _divide(tp, tp + fn)
    f1 = _divide(2 * tp, 2 * tp + fp + fn)      # per class, before any averaging
    return float(precision.mean()), float(recall.mean()), float(f1.mean())
