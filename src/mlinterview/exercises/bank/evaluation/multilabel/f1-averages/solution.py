import numpy as np


def _f1(tp, fp, fn, zero_division):
    """F1 = 2TP / (2TP + FP + FN) elementwise, zero_division where that is 0/0."""
    num = 2.0 * tp
    den = num + fp + fn
    return np.divide(num, den, out=np.full(den.shape, float(zero_division)), where=den > 0)


def multilabel_f1(y_true, y_pred, zero_division=0.0):
    """Per-label, micro, macro, weighted and samples F1 of a multi-label prediction."""
    T = np.asarray(y_true).astype(bool)
    P = np.asarray(y_pred).astype(bool)
    tp_cells = T & P
    fp_cells = ~T & P
    fn_cells = T & ~P

    # Per label: count down each column (axis 0).
    tp, fp, fn = tp_cells.sum(axis=0), fp_cells.sum(axis=0), fn_cells.sum(axis=0)
    per_label = _f1(tp, fp, fn, zero_division)

    support = T.sum(axis=0)                          # true 1s of each label
    macro = per_label.mean()                         # every label counts the same
    weighted = np.average(per_label, weights=support)  # y_true has a 1: weights sum > 0
    # Micro: pool the counts first, then one ratio (every cell counts the same).
    micro = _f1(tp.sum(), fp.sum(), fn.sum(), zero_division)

    # Per sample: count along each row (axis 1), then average over samples.
    per_sample = _f1(tp_cells.sum(axis=1), fp_cells.sum(axis=1), fn_cells.sum(axis=1),
                     zero_division)
    return {"per_label": per_label, "micro": float(micro), "macro": float(macro),
            "weighted": float(weighted), "samples": float(per_sample.mean())}
