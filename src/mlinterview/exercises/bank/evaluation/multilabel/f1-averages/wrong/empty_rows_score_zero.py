"""Scores a sample with no true and no predicted label as 0 whatever zero_division says
(the guard for rows is hard-coded to 0)."""
import numpy as np


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    T, P = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)

    def f1(tp, fp, fn, empty):
        den = 2.0 * tp + fp + fn
        return np.divide(2.0 * tp, den, out=np.full(np.shape(den), empty), where=den > 0)

    zd = float(zero_division)
    tp, fp, fn = (T & P).sum(0), (~T & P).sum(0), (T & ~P).sum(0)
    per_label = f1(tp, fp, fn, zd)
    per_sample = f1((T & P).sum(1), (~T & P).sum(1), (T & ~P).sum(1), 0.0)
    return {"per_label": per_label, "micro": float(f1(tp.sum(), fp.sum(), fn.sum(), zd)),
            "macro": float(per_label.mean()),
            "weighted": float(np.average(per_label, weights=T.sum(0))),
            "samples": float(per_sample.mean())}
