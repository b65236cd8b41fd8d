"""Leaves labels that are never true nor predicted out of the macro mean (and gives them
F1 0), instead of scoring them zero_division and counting them."""
import numpy as np


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    T, P = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
    zd = float(zero_division)

    def f1(tp, fp, fn, empty):
        den = 2.0 * tp + fp + fn
        return np.divide(2.0 * tp, den, out=np.full(np.shape(den), empty), where=den > 0)

    tp, fp, fn = (T & P).sum(0), (~T & P).sum(0), (T & ~P).sum(0)
    per_label = f1(tp, fp, fn, 0.0)
    seen = (tp + fp + fn) > 0
    per_sample = f1((T & P).sum(1), (~T & P).sum(1), (T & ~P).sum(1), zd)
    return {"per_label": per_label, "micro": float(f1(tp.sum(), fp.sum(), fn.sum(), zd)),
            "macro": float(per_label[seen].mean()),
            "weighted": float(np.average(per_label, weights=T.sum(0))),
            "samples": float(per_sample.mean())}
