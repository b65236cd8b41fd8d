"""Regression errors with scikit-learn's names: :func:`mean_squared_error`,
:func:`mean_absolute_error`.

``y_true, y_pred`` are ``(n_samples,)`` or ``(n_samples, n_outputs)``; ``multioutput``
says how the per-output errors are combined ("raw_values", "uniform_average" or an array
of output weights).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_array
from mlinterview.ml.metrics._labels import check_weights


def _check_regression(y_true, y_pred, sample_weight, multioutput):
    y_true = check_array(y_true, "y_true", ensure_2d=False)
    y_pred = check_array(y_pred, "y_pred", ensure_2d=False)
    if y_true.ndim not in (1, 2) or y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred: expected the same shape (n_samples,) or "
                         f"(n_samples, n_outputs), got {y_true.shape} and {y_pred.shape}")
    y_true = y_true.reshape(len(y_true), -1)
    y_pred = y_pred.reshape(len(y_pred), -1)
    w = check_weights(sample_weight, len(y_true))
    if isinstance(multioutput, str):
        if multioutput not in ("raw_values", "uniform_average"):
            raise ValueError(f"multioutput: expected 'raw_values', 'uniform_average' or an "
                             f"array of weights, got {multioutput!r}")
    else:
        multioutput = check_array(multioutput, "multioutput", ensure_2d=False)
        if multioutput.shape != (y_true.shape[1],):
            raise ValueError(f"multioutput: expected {y_true.shape[1]} weights, got shape "
                             f"{multioutput.shape}")
    return y_true, y_pred, w, multioutput


def _combine(per_output, multioutput):
    if isinstance(multioutput, str):
        return per_output if multioutput == "raw_values" else float(per_output.mean())
    return float(np.average(per_output, weights=multioutput))


def mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    """Mean of ``(y_true - y_pred)^2`` over samples, per output, then combined.

    An error beyond float64's range (values near 1e308) gives ``inf``, the correctly
    rounded answer, without NumPy's overflow warning.
    """
    y_true, y_pred, w, multioutput = _check_regression(y_true, y_pred, sample_weight,
                                                       multioutput)
    with np.errstate(over="ignore"):
        return _combine(np.average((y_true - y_pred) ** 2, axis=0, weights=w), multioutput)


def mean_absolute_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    """Mean of ``|y_true - y_pred|`` over samples, per output, then combined."""
    y_true, y_pred, w, multioutput = _check_regression(y_true, y_pred, sample_weight,
                                                       multioutput)
    with np.errstate(over="ignore"):  # |1e308 - (-1e308)| is inf, as it should round
        return _combine(np.average(np.abs(y_true - y_pred), axis=0, weights=w), multioutput)
