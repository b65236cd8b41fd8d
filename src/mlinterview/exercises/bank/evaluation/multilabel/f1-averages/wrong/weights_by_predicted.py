"""Weights the per-label F1 by how often each label is PREDICTED instead of its support in
y_true."""
import numpy as np


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    T, P = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
    zd = float(zero_division)

    def f1(tp, fp, fn):
        den = 2.0 * tp + fp + fn
        return np.divide(2.0 * tp, den, out=np.full(np.shape(den), zd), where=den > 0)

    tp, fp, fn = (T & P).sum(0), (~T & P).sum(0), (T & ~P).sum(0)
    per_label = f1(tp, fp, fn)
    weights = P.sum(0)
    weighted = np.average(per_label, weights=weights) if weights.sum() else per_label.mean()
    per_sample = f1((T & P).sum(1), (~T & P).sum(1), (T & ~P).sum(1))
    return {"per_label": per_label, "micro": float(f1(tp.sum(), fp.sum(), fn.sum())),
            "macro": float(per_label.mean()), "weighted": float(weighted),
            "samples": float(per_sample.mean())}
