"""Flags score > threshold (searchsorted side="right") instead of score >= threshold."""
import numpy as np


def deployment_alerts(y_val, scores, thresholds, prevalence, events_per_day):
    y = np.asarray(y_val).astype(bool)
    s = np.asarray(scores, float)
    t = np.asarray(thresholds, float)
    pos, neg = np.sort(s[y]), np.sort(s[~y])
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("y_val: needs both classes")
    tp = (len(pos) - np.searchsorted(pos, t, side="right")).astype(float)
    fp = (len(neg) - np.searchsorted(neg, t, side="right")).astype(float)
    val = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=tp + fp > 0)
    true = events_per_day * prevalence * tp / len(pos)
    false = events_per_day * (1 - prevalence) * fp / len(neg)
    dep = np.divide(true, true + false, out=np.zeros_like(true), where=true + false > 0)
    return val, dep, true, false
