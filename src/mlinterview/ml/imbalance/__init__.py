"""Re-balancing an imbalanced training set, with imbalanced-learn's and scikit-learn's names.

* :class:`RandomOverSampler` — duplicates minority rows drawn with replacement;
* :class:`RandomUnderSampler` — keeps a random subset of the majority rows;
* :class:`SMOTE` — synthetic minority rows on the segments between a minority point and
  one of its ``k_neighbors`` nearest minority neighbours (Chawla et al., *SMOTE:
  Synthetic Minority Over-sampling Technique*, JAIR 2002);
* :func:`compute_class_weight`, :func:`compute_sample_weight` — the "balanced" weights
  ``n_samples / (n_classes * count(class))`` that estimators and losses take instead of
  resampling.

Each sampler has ``fit_resample(X, y) -> (X_resampled, y_resampled)`` and reads
``sampling_strategy`` as imbalanced-learn does (a float for binary problems, ``"auto"``,
``"minority"``, ``"majority"``, ``"not minority"``, ``"not majority"``, ``"all"`` or a dict
``{class: n_samples}``). Checked against ``imblearn`` and ``sklearn.utils.class_weight``
in ``tests/parity/test_imbalance.py``. Resample the training fold only: the validation
and test sets must keep the real class ratio.
"""

from mlinterview.ml.imbalance._class_weight import compute_class_weight, compute_sample_weight
from mlinterview.ml.imbalance._random import RandomOverSampler, RandomUnderSampler
from mlinterview.ml.imbalance._sampling_strategy import check_sampling_strategy
from mlinterview.ml.imbalance._smote import SMOTE, kneighbors

__all__ = [
    "SMOTE",
    "RandomOverSampler",
    "RandomUnderSampler",
    "check_sampling_strategy",
    "compute_class_weight",
    "compute_sample_weight",
    "kneighbors",
]
