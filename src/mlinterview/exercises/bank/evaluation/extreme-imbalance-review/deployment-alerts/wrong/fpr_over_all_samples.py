"""Divides the false positives by all n validation samples instead of the negatives (and
the true positives by n as well): rates of the mixed set, not within each class."""
import numpy as np


def deployment_alerts(y_val, scores, thresholds, prevalence, events_per_day):
    y = np.asarray(y_val).astype(bool)
    s = np.asarray(scores, float)
    t = np.asarray(thresholds, float)
    pos, neg = np.sort(s[y]), np.sort(s[~y])
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("y_val: needs both classes")
    tp = (len(pos) - np.searchsorted(pos, t, side="left")).astype(float)
    fp = (len(neg) - np.searchsorted(neg, t, side="left")).astype(float)
    n = len(s)
    val = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=tp + fp > 0)
    true = events_per_day * prevalence * tp / n
    false = events_per_day * (1 - prevalence) * fp / n
    dep = np.divide(true, true + false, out=np.zeros_like(true), where=true + false > 0)
    return val, dep, true, false
