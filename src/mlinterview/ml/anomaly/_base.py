"""What every detector shares: the contamination offset, ``decision_function``, ``predict``."""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import check_predict_X, check_scalar
from mlinterview.ml.base import BaseEstimator


class OutlierMixin(BaseEstimator):
    """``decision_function`` and ``predict`` from ``score_samples`` and ``offset_``.

    ``offset_`` is set in ``fit``: with ``contamination`` a float, the
    ``contamination``-quantile of the training scores (that share of the training set is
    flagged); subclasses define what ``"auto"`` means.
    """

    _estimator_type = "outlier_detector"

    def __sklearn_tags__(self):
        """Outlier-detector tags (``predict`` gives +1 / -1, no ``y``)."""
        tags = super().__sklearn_tags__()
        tags.estimator_type = "outlier_detector"
        return tags

    def _check_contamination(self) -> None:
        c = self.contamination
        if isinstance(c, str):
            if c != "auto":
                raise ValueError(f"contamination: expected 'auto' or a float in (0, 0.5], "
                                 f"got {c!r}")
            return
        check_scalar(c, "contamination", numbers.Real, lo=0.0, hi=0.5, include_lo=False)

    def _set_offset(self, train_scores: np.ndarray, auto: float) -> None:
        if self.contamination == "auto":
            self.offset_ = float(auto)
        else:
            self.offset_ = float(np.percentile(train_scores, 100.0 * self.contamination))

    def _check_X(self, X) -> np.ndarray:
        return check_predict_X(self, X, ["offset_"])

    def decision_function(self, X) -> np.ndarray:
        """``score_samples(X) - offset_``, shape (n_samples,); negative means outlier."""
        return self.score_samples(X) - self.offset_

    def predict(self, X) -> np.ndarray:
        """+1 for inliers, -1 for outliers, shape (n_samples,)."""
        return np.where(self.decision_function(X) < 0, -1, 1)

    def fit_predict(self, X, y=None) -> np.ndarray:
        """``fit(X)`` then ``predict(X)``."""
        return self.fit(X).predict(X)
