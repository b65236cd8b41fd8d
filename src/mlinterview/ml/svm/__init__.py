"""Support vector machines with scikit-learn's names, parameters and fitted attributes.

* :class:`SVC` — kernel SVM solved in the dual by SMO with second-order working-set
  selection and a kernel cache (``_smo.py``), one-vs-one for several classes.
* :class:`LinearSVC` — linear SVM, hinge or squared hinge, by dual coordinate descent or a
  primal Newton method (``_classes.py``).
* :func:`hinge_objective`, :func:`pegasos` — the primal objective, its subgradient, and
  mini-batch subgradient descent on it (``_pegasos.py``).
* :mod:`~mlinterview.ml.svm.kernels` — linear, poly, rbf and sigmoid kernel matrices.

Sources: Cortes & Vapnik (1995); Platt (1998); Fan, Chen & Lin (2005); Hsieh et al. (2008);
Chang & Lin, LIBSVM.
"""

from mlinterview.ml.svm._classes import SVC, LinearSVC, ovr_decision_function
from mlinterview.ml.svm._pegasos import hinge_objective, pegasos
from mlinterview.ml.svm.kernels import (
    linear_kernel,
    pairwise_kernels,
    polynomial_kernel,
    rbf_kernel,
    sigmoid_kernel,
)

__all__ = [
    "SVC",
    "LinearSVC",
    "hinge_objective",
    "linear_kernel",
    "ovr_decision_function",
    "pairwise_kernels",
    "pegasos",
    "polynomial_kernel",
    "rbf_kernel",
    "sigmoid_kernel",
]
