import numpy as np


def roc_auc(y_true, scores, sample_weight=None):
    """ROC AUC = P(score of a positive > score of a negative), ties counting 1/2, weighted."""
    y = np.asarray(y_true).astype(bool)
    s = np.asarray(scores, dtype=float)
    w = np.ones(len(s)) if sample_weight is None else np.asarray(sample_weight, dtype=float)

    w_pos = np.where(y, w, 0.0)                   # each sample's weight as a positive
    w_neg = np.where(y, 0.0, w)                   # ... and as a negative
    total_pos, total_neg = w_pos.sum(), w_neg.sum()
    if total_pos == 0 or total_neg == 0:
        return float("nan")                       # no (positive, negative) pair at all

    # Group equal scores: `group` numbers the distinct scores in increasing order.
    distinct, group = np.unique(s, return_inverse=True)
    group = group.reshape(-1)
    pos_in = np.bincount(group, weights=w_pos, minlength=len(distinct))
    neg_in = np.bincount(group, weights=w_neg, minlength=len(distinct))
    # Negative weight strictly below each group: the cumulative sum before it.
    neg_below = np.cumsum(neg_in) - neg_in

    # Positives of a group beat the negatives below it and tie (½) with those inside it.
    wins = np.sum(pos_in * (neg_below + 0.5 * neg_in))
    return float(wins / (total_pos * total_neg))
