"""Model selection with scikit-learn's names, parameters and folds.

- Splitters (``_split.py``): :class:`KFold`, :class:`StratifiedKFold`, :class:`GroupKFold`,
  :class:`TimeSeriesSplit`, :class:`RepeatedKFold`, :class:`RepeatedStratifiedKFold`,
  :class:`ShuffleSplit`, :class:`StratifiedShuffleSplit`, :func:`train_test_split`; the
  same folds as scikit-learn for the same inputs and integer ``random_state``.
- Cross-validation (``_validation.py``): :func:`cross_validate`, :func:`cross_val_score`,
  :func:`learning_curve`, :func:`validation_curve` (``n_jobs`` through joblib).
- Where the fits run (``_parallel.py``): ``n_jobs`` joblib workers on this machine, or a
  Dask cluster inside ``with joblib.parallel_config(backend="dask")`` (or
  :func:`dask_backend`, which names the ``scale`` extra when Dask is missing); there
  ``n_jobs=None`` means the whole cluster, and the results equal the local run's.
- Search (``_search.py``): :class:`ParameterGrid`, :class:`GridSearchCV`.
- :func:`bias_variance_decomposition` (``_bias_variance.py``): bootstrap estimate of
  expected loss, bias and variance for squared and 0-1 loss, as mlxtend.
- :class:`EarlyStopping` (``_early_stopping.py``): patience, min_delta, best weights.

Sources: scikit-learn's ``sklearn/model_selection``; Hastie, Tibshirani & Friedman, *The
Elements of Statistical Learning*, 7.3 and 7.10; Domingos (2000), "A unified bias-variance
decomposition"; Raschka's mlxtend ``bias_variance_decomp``.
"""

from mlinterview.ml.model_selection._bias_variance import (
    BiasVariance,
    bias_variance_decomposition,
    bootstrap_predictions,
    decompose_predictions,
)
from mlinterview.ml.model_selection._early_stopping import EarlyStopping
from mlinterview.ml.model_selection._parallel import dask_backend
from mlinterview.ml.model_selection._scoring import SCORERS, get_scorer
from mlinterview.ml.model_selection._search import GridSearchCV, ParameterGrid
from mlinterview.ml.model_selection._split import (
    GroupKFold,
    KFold,
    RepeatedKFold,
    RepeatedStratifiedKFold,
    ShuffleSplit,
    StratifiedKFold,
    StratifiedShuffleSplit,
    TimeSeriesSplit,
    check_cv,
    train_test_split,
)
from mlinterview.ml.model_selection._validation import (
    cross_val_score,
    cross_validate,
    learning_curve,
    validation_curve,
)

__all__ = [
    "SCORERS",
    "BiasVariance",
    "EarlyStopping",
    "GridSearchCV",
    "GroupKFold",
    "KFold",
    "ParameterGrid",
    "RepeatedKFold",
    "RepeatedStratifiedKFold",
    "ShuffleSplit",
    "StratifiedKFold",
    "StratifiedShuffleSplit",
    "TimeSeriesSplit",
    "bias_variance_decomposition",
    "bootstrap_predictions",
    "check_cv",
    "cross_val_score",
    "cross_validate",
    "dask_backend",
    "decompose_predictions",
    "get_scorer",
    "learning_curve",
    "train_test_split",
    "validation_curve",
]
