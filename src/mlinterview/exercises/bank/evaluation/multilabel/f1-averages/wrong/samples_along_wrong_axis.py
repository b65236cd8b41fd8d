"""Counts the per-sample TP, FP and FN down the columns (axis 0) instead of along each row
(axis 1): the "samples" average becomes the macro average."""
import numpy as np


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    T, P = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
    zd = float(zero_division)

    def f1(tp, fp, fn):
        den = 2.0 * tp + fp + fn
        return np.divide(2.0 * tp, den, out=np.full(np.shape(den), zd), where=den > 0)

    tp, fp, fn = (T & P).sum(0), (~T & P).sum(0), (T & ~P).sum(0)
    per_label = f1(tp, fp, fn)
    per_sample = f1((T & P).sum(0), (~T & P).sum(0), (T & ~P).sum(0))
    return {"per_label": per_label, "micro": float(f1(tp.sum(), fp.sum(), fn.sum())),
            "macro": float(per_label.mean()),
            "weighted": float(np.average(per_label, weights=T.sum(0))),
            "samples": float(per_sample.mean())}
