"""Assumes the validation precision holds in deployment: splits the day's alerts into true
and false with the validation precision instead of applying TPR and FPR per class."""
import numpy as np


def deployment_alerts(y_val, scores, thresholds, prevalence, events_per_day):
    y = np.asarray(y_val).astype(bool)
    s = np.asarray(scores, float)
    if y.all() or not y.any():
        raise ValueError("y_val: needs both classes")
    val_p, dep_p, true, false = [], [], [], []
    for t in np.asarray(thresholds, float):
        flagged = s >= t
        tp, fp = (flagged & y).sum(), (flagged & ~y).sum()
        p = tp / (tp + fp) if tp + fp else 0.0
        alerts = events_per_day * flagged.mean()
        val_p.append(p)
        dep_p.append(p)
        true.append(alerts * p)
        false.append(alerts * (1 - p))
    return np.array(val_p), np.array(dep_p), np.array(true), np.array(false)
