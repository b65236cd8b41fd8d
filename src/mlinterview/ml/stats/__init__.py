"""Probability and statistics from scratch (NumPy + ``scipy.special``).

- ``distributions.py``: Bernoulli, Binomial, Geometric, Poisson, Categorical, Multinomial,
  Uniform, Normal, Exponential, Gamma, Beta, StudentT, LogNormal, Dirichlet, each with
  pdf/pmf, cdf, mean, var and seeded sampling;
- ``binomial.py``: binomial pmf/cdf/sf and the normal approximation with continuity
  correction;
- ``hypothesis.py``: two-sample t-test (Student and Welch), permutation test, exact
  binomial test, multiple-testing corrections (Bonferroni, Holm, Benjamini-Hochberg);
- ``results.py``: the tests' result objects, shaped like SciPy's (``t, p = ttest_ind(a, b)``
  unpacks; ``binomtest(...).proportion_ci()``);
- ``mle.py``: closed-form maximum-likelihood fits (Bernoulli, categorical, Gaussian) and
  their negative log-likelihoods.

Checked against ``scipy.stats`` in ``tests/parity/test_stats.py``.
"""

from mlinterview.ml.stats.binomial import binom_cdf, binom_normal_approx, binom_pmf, binom_sf
from mlinterview.ml.stats.distributions import (
    DISTRIBUTIONS,
    Bernoulli,
    Beta,
    Binomial,
    Categorical,
    Dirichlet,
    Exponential,
    Gamma,
    Geometric,
    LogNormal,
    Multinomial,
    Normal,
    Poisson,
    StudentT,
    Uniform,
)
from mlinterview.ml.stats.hypothesis import (
    DegenerateDataWarning,
    binomtest,
    multipletests,
    permutation_test,
    ttest_ind,
)
from mlinterview.ml.stats.mle import (
    MLEFit,
    bernoulli_nll,
    categorical_nll,
    fit_bernoulli,
    fit_categorical,
    fit_gaussian,
    gaussian_nll,
)
from mlinterview.ml.stats.results import (
    BinomTestResult,
    ConfidenceInterval,
    PermutationTestResult,
    TtestResult,
)

__all__ = [
    "DISTRIBUTIONS", "Bernoulli", "Beta", "BinomTestResult", "Binomial", "Categorical",
    "ConfidenceInterval", "DegenerateDataWarning", "Dirichlet", "Exponential", "Gamma",
    "Geometric", "LogNormal", "MLEFit", "Multinomial", "Normal", "PermutationTestResult",
    "Poisson", "StudentT", "TtestResult", "Uniform", "bernoulli_nll", "binom_cdf",
    "binom_normal_approx", "binom_pmf", "binom_sf", "binomtest", "categorical_nll",
    "fit_bernoulli", "fit_categorical", "fit_gaussian", "gaussian_nll", "multipletests",
    "permutation_test", "ttest_ind",
]
