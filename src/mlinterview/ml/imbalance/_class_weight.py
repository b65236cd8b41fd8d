"""Class weights instead of resampling: the loss of class ``c`` is multiplied by ``w_c``.

"balanced" gives ``w_c = n_samples / (n_classes * n_c)``, so every class contributes the
same total weight ``n_samples / n_classes`` — the same effect on the loss as over-sampling
every class to equal size, without duplicating rows.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import check_1d, check_sample_weight


def compute_class_weight(class_weight, *, classes, y, sample_weight=None) -> np.ndarray:
    """Weight of each class in ``classes``, like ``sklearn.utils.class_weight``.

    Parameters
    ----------
    class_weight : "balanced", dict ``{class: weight}`` or None
        "balanced": ``sum(sample_weight) / (n_classes_in_y * weighted count of c)``;
        a dict: the given weights, 1 for classes not listed; None: all ones.
    classes : array-like of shape (n_classes,), the classes to weight (all must occur in
        ``y`` for "balanced").
    y : array-like of shape (n_samples,)
    sample_weight : array-like of shape (n_samples,) or None (only used by "balanced").

    Returns
    -------
    ndarray of shape (n_classes,), float64.
    """
    classes = check_1d(classes, "classes")
    y = check_1d(y, "y")
    if class_weight is None or (isinstance(class_weight, dict) and not class_weight):
        return np.ones(classes.shape[0], dtype=np.float64)
    if isinstance(class_weight, str):
        if class_weight != "balanced":
            raise ValueError(f"class_weight: expected 'balanced', a dict or None, got "
                             f"{class_weight!r}")
        present = np.unique(y)
        if not np.isin(classes, present).all():
            missing = classes[~np.isin(classes, present)].tolist()
            raise ValueError(f"classes: {missing} do not occur in y; 'balanced' weights "
                             "need every class present")
        w = check_sample_weight(sample_weight, y.shape[0], allow_all_zero=False)
        idx = np.searchsorted(present, y)
        counts = np.bincount(idx, weights=w, minlength=present.size).astype(np.float64)
        total = counts.sum()
        with np.errstate(divide="ignore"):
            per_class = total / (present.size * counts)
        return per_class[np.searchsorted(present, classes)]
    if isinstance(class_weight, dict):
        weights = np.ones(classes.shape[0], dtype=np.float64)
        listed = 0
        for i, c in enumerate(classes.tolist()):
            if c in class_weight:
                value = class_weight[c]
                if isinstance(value, bool) or not isinstance(value, numbers.Real):
                    raise TypeError(f"class_weight: expected a number for class {c!r}, "
                                    f"got {value!r}")
                weights[i] = float(value)
                listed += 1
        # scikit-learn's rule: extra keys are an error only when some class is unweighted.
        if listed < classes.shape[0] and listed != len(class_weight):
            extra = [c for c in class_weight if c not in set(classes.tolist())]
            raise ValueError(f"class_weight: classes {extra} are not in classes "
                             f"{classes.tolist()}")
        return weights
    raise TypeError(f"class_weight: expected 'balanced', a dict or None, got "
                    f"{type(class_weight).__name__}")


def compute_sample_weight(class_weight, y) -> np.ndarray:
    """Per-sample weight ``w[y_i]`` from :func:`compute_class_weight`, shape (n_samples,).

    Single-output ``y`` only (scikit-learn also takes a list of dicts for multi-output).
    """
    y = check_1d(y, "y")
    classes = np.unique(y)
    w = compute_class_weight(class_weight, classes=classes, y=y)
    return w[np.searchsorted(classes, y)]
