import numpy as np


def deployment_alerts(y_val, scores, thresholds, prevalence, events_per_day):
    """Validation precision, deployment precision and expected alarms per day.

    Parameters
    ----------
    y_val : sequence of 0/1, length n (both classes present, else ValueError)
    scores : sequence of float, length n; flagged when score >= threshold
    thresholds : sequence of float, shape (t,)
    prevalence : float in [0, 1], the deployment share of positives
    events_per_day : float, events scored per day

    Returns
    -------
    (val_precision, deploy_precision, true_alarms, false_alarms) : four float arrays of
        shape (t,); a 0/0 precision is 0.0.
    """
    raise NotImplementedError("TPR and FPR per threshold, then rescale to the deployment")
