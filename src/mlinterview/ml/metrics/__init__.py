"""Evaluation metrics with scikit-learn's names, parameters and results.

Naming: ``*_score`` is better when higher, ``*_loss`` better when lower.

- from labels (``_classification.py``): :func:`confusion_matrix`, :func:`accuracy_score`,
  :func:`balanced_accuracy_score`, :func:`precision_score`, :func:`recall_score`,
  :func:`f1_score`, :func:`fbeta_score`, :func:`precision_recall_fscore_support`,
  :func:`matthews_corrcoef`, :func:`classification_report` (precision, recall, F and the
  report also take multi-label indicator matrices, with ``average="samples"``);
- from probabilities: :func:`log_loss`;
- from scores (``_ranking.py``): :func:`roc_curve`, :func:`roc_auc_score`,
  :func:`precision_recall_curve`, :func:`average_precision_score`, :func:`auc`.

Every function validates its inputs through ``_labels.py`` (one place for the errors:
labels, scores, indicator matrices, sample weights, overflow) and counts with
``np.bincount``, one sort or a column sum, never a Python loop over samples.
"""

from mlinterview.ml.metrics._classification import (
    accuracy_score,
    balanced_accuracy_score,
    classification_report,
    confusion_matrix,
    f1_score,
    fbeta_score,
    log_loss,
    matthews_corrcoef,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)
from mlinterview.ml.metrics._ranking import (
    auc,
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

__all__ = [
    "accuracy_score",
    "auc",
    "average_precision_score",
    "balanced_accuracy_score",
    "classification_report",
    "confusion_matrix",
    "f1_score",
    "fbeta_score",
    "log_loss",
    "matthews_corrcoef",
    "precision_recall_curve",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
    "roc_auc_score",
    "roc_curve",
]

# Multi-label metrics (``_multilabel.py``).
from mlinterview.ml.metrics._multilabel import (
    coverage_error,
    hamming_loss,
    jaccard_score,
    label_ranking_loss,
    multilabel_precision_recall_fscore_support,
    subset_accuracy_score,
)

__all__ += [
    "coverage_error",
    "hamming_loss",
    "jaccard_score",
    "label_ranking_loss",
    "multilabel_precision_recall_fscore_support",
    "subset_accuracy_score",
]

# Regression, image-quality and generative-model metrics.
from mlinterview.ml.metrics._generative import (  # noqa: E402
    frechet_distance,
    gaussian_statistics,
)
from mlinterview.ml.metrics._image import (  # noqa: E402
    dssim,
    peak_signal_noise_ratio,
    structural_similarity,
)
from mlinterview.ml.metrics._regression import (  # noqa: E402
    mean_absolute_error,
    mean_squared_error,
)

__all__ += [
    "dssim",
    "frechet_distance",
    "gaussian_statistics",
    "mean_absolute_error",
    "mean_squared_error",
    "peak_signal_noise_ratio",
    "structural_similarity",
]

# Information-retrieval ranking metrics (``_ranking_ir.py``).
from mlinterview.ml.metrics._ranking_ir import (  # noqa: E402
    average_precision_at_k,
    dcg_score,
    mean_reciprocal_rank,
    ndcg_per_query,
    ndcg_score,
)

__all__ += [
    "average_precision_at_k",
    "dcg_score",
    "mean_reciprocal_rank",
    "ndcg_per_query",
    "ndcg_score",
]

# Calibration and threshold selection (``_calibration.py``, ``_threshold.py``).
from mlinterview.ml.metrics._calibration import (  # noqa: E402
    brier_score_loss,
    calibration_curve,
)
from mlinterview.ml.metrics._threshold import best_threshold, threshold_metrics  # noqa: E402

__all__ += ["best_threshold", "brier_score_loss", "calibration_curve", "threshold_metrics"]
