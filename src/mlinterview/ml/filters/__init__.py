"""Recursive Bayesian state estimation for linear-Gaussian (and linearised) models.

* :class:`KalmanFilter` — the exact posterior of a linear-Gaussian state-space model:
  ``predict``/``update`` one step at a time, ``filter`` over a sequence of measurements
  (means, covariances and the log-likelihood of the data), and the Rauch–Tung–Striebel
  smoother ``rts_smoother`` (``_kalman.py``).
* :class:`ExtendedKalmanFilter` — the same recursion for a nonlinear model, linearised at
  the current estimate through user-supplied Jacobians.
* :class:`FilterResult` — what ``filter`` returns.

Sources: Kalman, "A New Approach to Linear Filtering and Prediction Problems" (1960);
Rauch, Tung and Striebel (1965); Särkkä, *Bayesian Filtering and Smoothing* (2013), ch. 4-8.
"""

from mlinterview.ml.filters._kalman import ExtendedKalmanFilter, FilterResult, KalmanFilter

__all__ = ["ExtendedKalmanFilter", "FilterResult", "KalmanFilter"]
