import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    """Confusion matrix C with C[i, j] = #(true == labels[i] and predicted == labels[j])."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if labels is None:
        labels = np.union1d(y_true, y_pred)          # sorted, from both sides
    labels = np.asarray(labels)
    K = len(labels)

    # Index of each label in `labels`, through a sorted copy: searchsorted finds where a
    # value would go, and the check below keeps only the values really found there.
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]

    def index_of(values):
        pos = np.clip(np.searchsorted(sorted_labels, values), 0, K - 1)
        found = sorted_labels[pos] == values
        return order[pos], found

    row, row_ok = index_of(y_true)
    col, col_ok = index_of(y_pred)
    keep = row_ok & col_ok                           # both labels listed

    # Count every (row, column) pair at once: flatten it to row * K + column.
    counts = np.bincount(row[keep] * K + col[keep], minlength=K * K)
    return counts.reshape(K, K)
