"""Probability, statistics, clustering and mixtures: ours vs the reference in one run.

Sizes from issue 6: KMeans on 200,000 x 32 with k = 16, GaussianMixture on 100,000 x 8
with k = 8; plus naive Bayes and the stats functions. Where the algorithm is iterative,
both sides start from the same initial parameters so they do the same number of
iterations and the timing compares the same work. Our KMeans seeds from the same
RandomState draws as scikit-learn's, so the k-means++ row too ends with the same clustering
after the same number of Lloyd iterations (25 at random_state=0). Our assignment step skips
points by Hamerly's bounds (same labels as checking every centre); the "elkan" row compares
it with scikit-learn's own bounded variant. Each row: case, size, ours (s),
reference (s), ratio = ours / reference (best of 3). Prints only; never asserts.
Run: ``python benchmarks/bench_probability.py``.
"""

from __future__ import annotations

import numpy as np
from scipy import stats as ss
from sklearn import cluster as skc
from sklearn import mixture as skm
from sklearn import naive_bayes as sknb

from _harness import main
from mlinterview.ml import stats
from mlinterview.ml.cluster import KMeans
from mlinterview.ml.mixture import GaussianMixture
from mlinterview.ml.naive_bayes import GaussianNB, MultinomialNB

TITLE = "Probability, statistics, clustering and mixtures"
REFERENCE = "sklearn/SciPy"


def blobs(rng, n, d, k, spread):
    centers = rng.normal(0, 4, size=(k, d))
    return centers[rng.integers(0, k, n)] + rng.normal(0, spread, size=(n, d))


def cases():
    rng = np.random.default_rng(0)

    X = blobs(rng, 200_000, 32, 16, 3.0)
    init = X[rng.choice(len(X), 16, replace=False)]
    yield ("KMeans, same init (Lloyd)", "200000x32 k=16",
           lambda: KMeans(16, init=init, n_init=1).fit(X),
           lambda: skc.KMeans(16, init=init, n_init=1).fit(X))
    yield ("KMeans, same init, vs sklearn elkan", "200000x32 k=16",
           lambda: KMeans(16, init=init, n_init=1).fit(X),
           lambda: skc.KMeans(16, init=init, n_init=1, algorithm="elkan").fit(X))
    yield ("KMeans, k-means++ n_init=1", "200000x32 k=16",
           lambda: KMeans(16, random_state=0).fit(X),
           lambda: skc.KMeans(16, random_state=0).fit(X))

    X = blobs(rng, 100_000, 8, 8, 1.5)
    gm_init = dict(weights_init=np.full(8, 1 / 8),
                   means_init=X[rng.choice(len(X), 8, replace=False)],
                   precisions_init=np.stack([np.eye(8) / X.var(axis=0).mean()] * 8))
    yield ("GaussianMixture full, same init", "100000x8 k=8",
           lambda: GaussianMixture(8, **gm_init).fit(X),
           lambda: skm.GaussianMixture(8, **gm_init).fit(X))
    yield ("GaussianMixture diag, same init", "100000x8 k=8",
           lambda: GaussianMixture(8, covariance_type="diag", **dict(
               gm_init, precisions_init=np.ones((8, 8)) / X.var(axis=0).mean())).fit(X),
           lambda: skm.GaussianMixture(8, covariance_type="diag", **dict(
               gm_init, precisions_init=np.ones((8, 8)) / X.var(axis=0).mean())).fit(X))

    y = rng.integers(0, 10, 200_000)
    Xg = rng.normal(size=(200_000, 50)) + y[:, None]
    yield ("GaussianNB fit + predict_proba", "200000x50, 10 classes",
           lambda: GaussianNB().fit(Xg, y).predict_proba(Xg),
           lambda: sknb.GaussianNB().fit(Xg, y).predict_proba(Xg))
    Xc = rng.poisson(1.0, size=(50_000, 1000))
    yc = rng.integers(0, 5, 50_000)
    yield ("MultinomialNB fit + predict_proba", "50000x1000, 5 classes",
           lambda: MultinomialNB().fit(Xc, yc).predict_proba(Xc),
           lambda: sknb.MultinomialNB().fit(Xc, yc).predict_proba(Xc))

    k = np.arange(0, 100_001)
    yield ("binom_cdf over all k", "n=100000",
           lambda: stats.binom_cdf(k, 100_000, 0.3), lambda: ss.binom.cdf(k, 100_000, 0.3))
    a, b = rng.normal(size=1_000_000), rng.normal(0.01, 1.0, size=1_000_000)
    yield ("ttest_ind Welch", "2 x 1e6",
           lambda: stats.ttest_ind(a, b, equal_var=False),
           lambda: ss.ttest_ind(a, b, equal_var=False))
    x, z = rng.normal(size=200), rng.normal(0.2, 1, size=200)
    yield ("permutation_test", "200+200, 9999 resamples",
           lambda: stats.permutation_test(x, z, n_resamples=9999, random_state=0),
           lambda: ss.permutation_test(
               (x, z), lambda u, v, axis: u.mean(axis) - v.mean(axis), vectorized=True,
               n_resamples=9999, random_state=0))


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
