import numpy as np


def _ratio(num, den):
    """num / den elementwise, 0.0 where den == 0 (a precision with nothing flagged)."""
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def deployment_alerts(y_val, scores, thresholds, prevalence, events_per_day):
    """Validation precision, deployment precision and expected alarms per day."""
    y = np.asarray(y_val).astype(bool)
    s = np.asarray(scores, dtype=float)
    t = np.asarray(thresholds, dtype=float)
    pos = np.sort(s[y])                          # scores of the positives, ascending
    neg = np.sort(s[~y])
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("y_val: needs both classes, else TPR or FPR is 0/0")

    # Flagged = score >= threshold. In a sorted array, searchsorted(..., side="left")
    # counts the scores strictly below each threshold; the rest are flagged.
    tp = (len(pos) - np.searchsorted(pos, t, side="left")).astype(float)
    fp = (len(neg) - np.searchsorted(neg, t, side="left")).astype(float)

    # Rates are computed within each class, so they do not depend on the class mix...
    tpr = tp / len(pos)
    fpr = fp / len(neg)
    # ...while the precision does: on validation it reflects the validation mix,
    val_precision = _ratio(tp, tp + fp)
    # and in deployment each rate is applied to its own class's daily volume.
    true_alarms = events_per_day * prevalence * tpr
    false_alarms = events_per_day * (1.0 - prevalence) * fpr
    deploy_precision = _ratio(true_alarms, true_alarms + false_alarms)
    return val_precision, deploy_precision, true_alarms, false_alarms
