"""Computes macro F1 as the harmonic mean of the macro precision and the macro recall,
instead of the mean of the per-label F1 scores."""
import numpy as np


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    T, P = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
    zd = float(zero_division)

    def f1(tp, fp, fn):
        den = 2.0 * tp + fp + fn
        return np.divide(2.0 * tp, den, out=np.full(np.shape(den), zd), where=den > 0)

    tp, fp, fn = (T & P).sum(0), (~T & P).sum(0), (T & ~P).sum(0)
    per_label = f1(tp, fp, fn)
    prec = np.divide(tp, tp + fp, out=np.full(tp.shape, zd), where=tp + fp > 0).mean()
    rec = np.divide(tp, tp + fn, out=np.full(tp.shape, zd), where=tp + fn > 0).mean()
    macro = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    per_sample = f1((T & P).sum(1), (~T & P).sum(1), (T & ~P).sum(1))
    return {"per_label": per_label, "micro": float(f1(tp.sum(), fp.sum(), fn.sum())),
            "macro": float(macro), "weighted": float(np.average(per_label, weights=T.sum(0))),
            "samples": float(per_sample.mean())}
