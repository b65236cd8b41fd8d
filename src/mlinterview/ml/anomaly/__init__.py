"""Anomaly detectors with scikit-learn's outlier-detection conventions.

* :class:`GaussianDensity` — log-density of a Gaussian fitted to normal data, per feature
  (``covariance="diag"``, the independent-features model) or with a full covariance
  (:class:`EllipticGaussian`, i.e. a squared Mahalanobis distance);
* :class:`IsolationForest` — random axis-parallel splits isolate anomalies in few steps
  (Liu, Ting and Zhou, *Isolation Forest*, ICDM 2008), scored with the ``c(n)``
  normalisation of the paper;
* :class:`PCAReconstructionDetector` — the squared distance of a point to the principal
  subspace of normal data (:class:`mlinterview.ml.decomposition.PCA`);
* :func:`select_threshold` — the cut-off on an anomaly score chosen on a labelled
  validation set (maximum F1, or a target false-positive rate).

Conventions (as ``sklearn.ensemble.IsolationForest``): ``score_samples`` is **higher for
normal points**; ``decision_function = score_samples - offset_`` is negative for outliers;
``predict`` returns ``+1`` (inlier) or ``-1`` (outlier). For PR-AUC use
``-score_samples`` as the anomaly score. Checked in ``tests/parity/test_anomaly.py``
(SciPy's ``multivariate_normal`` and scikit-learn's ``IsolationForest``).
"""

from mlinterview.ml.anomaly._gaussian import EllipticGaussian, GaussianDensity
from mlinterview.ml.anomaly._iforest import IsolationForest, average_path_length
from mlinterview.ml.anomaly._reconstruction import PCAReconstructionDetector
from mlinterview.ml.anomaly._threshold import select_threshold

__all__ = [
    "EllipticGaussian",
    "GaussianDensity",
    "IsolationForest",
    "PCAReconstructionDetector",
    "average_path_length",
    "select_threshold",
]
