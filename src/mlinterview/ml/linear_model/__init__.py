"""Linear models with scikit-learn's names, parameters and fitted attributes.

* :class:`LinearRegression` — ordinary least squares by normal equations, QR, SVD or
  gradient descent (``_least_squares.py``).
* :class:`Ridge` — L2-penalised least squares, primal, dual or SVD closed form (``_ridge.py``).
* :class:`Lasso`, :class:`ElasticNet`, :func:`lasso_path`, :func:`enet_path` — L1 / L1+L2
  by cyclic coordinate descent with soft-thresholding (``_coordinate_descent.py``).
* :class:`LogisticRegression` — binary and multinomial, L2 / L1 / no penalty, class
  weights; Newton (IRLS), L-BFGS and coordinate-descent (L1) solvers (``_logistic.py``).

Sources: Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, ch. 3–4;
Friedman, Hastie & Tibshirani (2010) for coordinate descent.
"""

from mlinterview.ml.linear_model._coordinate_descent import (
    ElasticNet,
    Lasso,
    enet_path,
    lasso_path,
    soft_threshold,
)
from mlinterview.ml.linear_model._least_squares import LinearRegression, residual_orthogonality
from mlinterview.ml.linear_model._logistic import LogisticRegression
from mlinterview.ml.linear_model._ridge import Ridge
from mlinterview.ml.linear_model._sgd import SGDClassifier, SGDRegressor

__all__ = [
    "ElasticNet",
    "Lasso",
    "LinearRegression",
    "LogisticRegression",
    "Ridge",
    "SGDClassifier", "SGDRegressor",
    "enet_path",
    "lasso_path",
    "residual_orthogonality",
    "soft_threshold",
]
