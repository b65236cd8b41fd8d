"""Divides without a guard: when nothing is flagged, both precisions are 0/0 = NaN
instead of 0.0."""
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
    true = events_per_day * prevalence * tp / len(pos)
    false = events_per_day * (1 - prevalence) * fp / len(neg)
    with np.errstate(invalid="ignore", divide="ignore"):
        return tp / (tp + fp), true / (true + false), true, false
