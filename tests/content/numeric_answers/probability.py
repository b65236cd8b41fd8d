"""Numeric quick-check answers of the probability cards, recomputed from the library.

Each entry maps ``"slug/quick-check-id"`` to a zero-argument callable that computes the
answer with our own code (``mlinterview.ml...``), so a card whose number drifts from what
the library says fails the shared test (tests/content/test_numeric_answers.py). The
arguments are the data of the question as the card states it, never the answer.
"""

from __future__ import annotations

import numpy as np

from mlinterview import exercises
from mlinterview.ml import stats
from mlinterview.ml.information import cross_entropy, entropy
from mlinterview.ml.mixture import GaussianMixture
from mlinterview.ml.naive_bayes import MultinomialNB

ANSWERS = {
    # maximum-likelihood
    "maximum-likelihood/coin-mle":
        lambda: stats.fit_bernoulli([1] * 7 + [0] * 3).p,
    "maximum-likelihood/variance-of-data":
        lambda: float(stats.fit_gaussian(np.array([2, 4, 4, 4, 5, 5, 7, 9.0])).var),
    # die faces 1..6 are categories 0..5; P(3) is category 2
    "maximum-likelihood/zero-count":
        lambda: float(stats.fit_categorical([0, 0, 1, 5, 5, 5], 6, alpha=1.0).probs[2]),
    # expectation-maximization
    "expectation-maximization/responsibility": lambda: _responsibility(
        weights=[0.5, 0.5], means=[0.0, 2.0], variances=[1.0, 1.0], x=0.0),
    # the M-step mean is the responsibility-weighted mean of the points
    "expectation-maximization/m-step-mean":
        lambda: float(np.average([0.0, 1.0, 4.0], weights=[1.0, 0.5, 0.0])),
    # entropy
    "entropy/fair-coin-bits": lambda: entropy([0.5, 0.5], base=2),
    "entropy/uniform-eight": lambda: entropy(np.full(8, 1 / 8), base=2),
    "entropy/die-questions": lambda: _huffman_expected_length(np.full(6, 1 / 6)),
    # each of the 4 tokens once: the text's empirical distribution is uniform, and the
    # perplexity is 2 ** (cross-entropy in bits) of the model against it
    "entropy/perplexity":
        lambda: 2.0 ** cross_entropy(np.full(4, 0.25), [0.5, 0.25, 0.125, 0.125], base=2),
    # binomial
    "binomial/two-of-four": lambda: stats.binom_pmf(2, 4, 0.5),
    "binomial/at-least-one-six": lambda: stats.binom_sf(0, 4, 1 / 6),   # P(X > 0)
    "binomial/variance": lambda: stats.Binomial(100, 0.2).var(),
    "binomial/zero-errors":
        lambda: stats.binomtest(0, 300, alternative="less").proportion_ci(0.95).high,
    # bayes-rule
    "bayes-rule/medical-test": lambda: _test_posterior(0.01, 0.9, 0.91),
    "bayes-rule/second-positive": lambda: _test_posterior(0.01, 0.9, 0.91, positives=2),
    # at equal training priors the output 0.8 is P(x | fraud) : P(x | legit) = 0.8 : 0.2
    "bayes-rule/label-shift": lambda: _test_posterior(0.01, 0.8, 0.8),
    # distributions
    "distributions/exponential-mean": lambda: stats.Exponential(rate=4.0).mean(),
    "distributions/poisson-variance": lambda: float(stats.Poisson(9.0).std()),
    "distributions/geometric-tries": lambda: stats.Geometric(0.25).mean(),
    "distributions/lognormal-mean": lambda: stats.LogNormal(0.0, 1.0).mean(),
    # p-values
    # under the null each of 1,000 exact continuous tests is significant with probability
    # alpha, so the count is Binomial(1000, 0.05)
    "p-values/uniform-null": lambda: stats.Binomial(1000, 0.05).mean(),
    "p-values/twenty-tests": lambda: stats.binom_sf(0, 20, 0.05),   # P(at least one)
    "p-values/bh-count": lambda: int(stats.multipletests(
        [0.005, 0.011, 0.02, 0.035, 0.13], alpha=0.05, method="fdr_bh")[0].sum()),
}


def _test_posterior(prevalence, sensitivity, specificity, positives=1) -> float:
    """P(sick | ``positives`` positive results) by the library's multinomial naive Bayes:
    one "word", the positive result, with P(word | sick) = sensitivity and
    P(word | healthy) = 1 - specificity; unsmoothed (alpha = 0), with the prevalence as
    the class prior. Several positives are several counts of the word, i.e. results that
    are independent given the class."""
    nb = MultinomialNB(alpha=0.0, class_prior=[1 - prevalence, prevalence])
    nb.fit([[1 - specificity, specificity], [sensitivity, 1 - sensitivity]], [0, 1])
    return float(nb.predict_proba([[positives, 0]])[0, 1])


def _huffman_expected_length(probs) -> float:
    """Average codeword length of a binary Huffman code, from the reference solution of
    the exercise entropy/huffman-vs-entropy (the judge checks it on its own cases)."""
    namespace: dict = {}
    exec(compile(exercises.get("entropy/huffman-vs-entropy").solution,
                 "huffman-vs-entropy/solution.py", "exec"), namespace)
    return float(namespace["huffman_expected_length"](probs)[0])


def _responsibility(weights, means, variances, x):
    """P(component 0 | x) for a fixed 1-D mixture: the library's E-step, run on
    parameters set by hand (``max_iter=0`` fits nothing)."""
    means = np.asarray(means)[:, None]
    gm = GaussianMixture(len(weights), weights_init=weights, means_init=means,
                         precisions_init=1.0 / np.asarray(variances)[:, None, None],
                         max_iter=0).fit(means)
    return float(gm.predict_proba(np.array([[x]]))[0, 0])
