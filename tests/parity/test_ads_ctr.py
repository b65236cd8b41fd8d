"""design.ctr against scikit-learn 1.9, PyTorch 2.13 and SciPy.

- ``murmurhash3_32`` against ``sklearn.utils.murmurhash3_32`` (the C implementation):
  ASCII and non-ASCII strings and bytes of lengths 0-40 (every tail length), several seeds,
  signed and unsigned: exact equality.
- ``hash_tokens`` against ``FeatureHasher(input_type="string")`` and ``hash_categorical``
  against ``FeatureHasher(input_type="dict")`` on ``{field: str(value), "a^b": "va^vb"}``:
  table sizes from 1 to 2^20, with and without the sign, float32 and float64, integer and
  string values, rows with repeated tokens: exact equality of the dense matrices.
- ``fm_log_loss_and_grad`` against the same loss written with the O(n²) pairwise sum in
  float64 torch, gradients by ``torch.autograd``: rtol 1e-10 (summation order only).
- ``FactorizationMachine(n_factors=0)`` against ``sklearn.linear_model.LogisticRegression``
  on a sparse hashed matrix (``C = 1 / (α n)``): both solvers stop at a gradient
  tolerance, so coefficients agree to 1e-3 and probabilities to 1e-4, and our penalised
  loss is no higher than scikit-learn's solution's (within 1e-10).
- ``normalized_entropy`` against ``sklearn.metrics.log_loss`` divided by
  ``scipy.stats.entropy`` of the base rate: rtol 1e-12.
"""

import numpy as np
import pytest
import scipy.sparse as sp
import scipy.stats
import sklearn.linear_model
import sklearn.metrics
import torch
from sklearn.feature_extraction import FeatureHasher
from sklearn.utils import murmurhash3_32 as sk_murmurhash3_32

from mlinterview.ml.design.ctr import (
    FactorizationMachine,
    fm_log_loss_and_grad,
    hash_categorical,
    hash_tokens,
    murmurhash3_32,
    normalized_entropy,
)

ALPHABETS = {"ascii": "abcdefghijklmnopqrstuvwxyz0123456789=^_ ",
             "unicode": "aé€😀ß中=^ "}


def _random_strings(rng, alphabet, n):
    lengths = rng.integers(0, 41, n)
    return ["".join(rng.choice(list(alphabet), m)) for m in lengths]


@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
@pytest.mark.parametrize("seed", [0, 1, 42, 2**31, 2**32 - 1])
@pytest.mark.parametrize("positive", [False, True])
def test_murmurhash_matches_sklearn(alphabet, seed, positive):
    rng = np.random.default_rng(seed % 1000)
    keys = [*_random_strings(rng, ALPHABETS[alphabet], 300), "", "a", "ab", "abc", "abcd"]
    ours = murmurhash3_32(keys, seed=seed, positive=positive)
    ref = [sk_murmurhash3_32(k, seed=seed, positive=positive) for k in keys]
    assert ours.tolist() == ref


def test_murmurhash_bytes_match_sklearn():
    rng = np.random.default_rng(0)
    keys = [bytes(rng.integers(0, 256, m, dtype=np.uint8)) for m in range(0, 40)]
    assert murmurhash3_32(keys).tolist() == [sk_murmurhash3_32(k) for k in keys]


def _token_rows(rng, n_rows, vocab):
    return [list(rng.choice(vocab, rng.integers(0, 8))) for _ in range(n_rows)]


@pytest.mark.parametrize("n_features", [1, 7, 16, 2**10, 2**20])
@pytest.mark.parametrize("alternate_sign", [True, False])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_hash_tokens_matches_feature_hasher(n_features, alternate_sign, dtype):
    rng = np.random.default_rng(n_features)
    vocab = [*_random_strings(rng, ALPHABETS["ascii"], 60), "é=1", "user=42"]
    rows = [*_token_rows(rng, 50, vocab), ["a", "a", "b"], []]
    ours = hash_tokens(rows, n_features, alternate_sign=alternate_sign, dtype=dtype)
    ref = FeatureHasher(n_features, input_type="string", alternate_sign=alternate_sign,
                        dtype=dtype).transform(rows)
    assert ours.shape == ref.shape and ours.dtype == ref.dtype
    assert abs(sp.csr_matrix(ours) - sp.csr_matrix(ref)).max() == 0    # sparse: 2^20 columns


@pytest.mark.parametrize("n_features", [3, 2**8, 2**18])
@pytest.mark.parametrize("kind", ["int", "str"])
def test_hash_categorical_matches_feature_hasher(n_features, kind):
    rng = np.random.default_rng(7)
    X = np.column_stack([rng.integers(0, 50, 120), rng.integers(0, 9, 120),
                         rng.integers(0, 4, 120)])
    if kind == "str":
        X = np.array([[f"v{v}é" for v in row] for row in X], dtype=object)
    names = ["user", "ad", "device"]
    crosses = [("user", "ad"), ("ad", "device", "user")]
    ours = hash_categorical(X, n_features, names=names, crosses=crosses)
    dicts = []
    for row in X:
        d = {name: str(v) for name, v in zip(names, row, strict=True)}
        for cross in crosses:
            d["^".join(cross)] = "^".join(str(row[names.index(c)]) for c in cross)
        dicts.append(d)
    ref = FeatureHasher(n_features, input_type="dict").transform(dicts)
    assert ours.shape == ref.shape
    assert abs(sp.csr_matrix(ours) - sp.csr_matrix(ref)).max() == 0


@pytest.mark.parametrize("n, d, k", [(8, 5, 3), (30, 12, 1), (5, 3, 6)])
def test_fm_loss_and_grad_match_torch(n, d, k):
    rng = np.random.default_rng(n)
    X = rng.normal(size=(n, d)) * (rng.random((n, d)) < 0.5)
    y = rng.integers(0, 2, n)
    s = rng.uniform(0.2, 3.0, n)
    b, w, V, alpha = 0.4, rng.normal(size=d), rng.normal(size=(d, k)), 0.07
    loss, (gb, gw, gV) = fm_log_loss_and_grad(sp.csr_matrix(X), y, b, w, V, alpha=alpha,
                                              sample_weight=s)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    tw = torch.tensor(w, requires_grad=True)
    tV = torch.tensor(V, requires_grad=True)
    tX = torch.tensor(X)
    pair = torch.zeros(n, dtype=torch.float64)
    for i in range(d):                       # the O(n²) sum over pairs i < j
        for j in range(i + 1, d):
            pair = pair + (tV[i] @ tV[j]) * tX[:, i] * tX[:, j]
    z = tb + tX @ tw + pair
    data = torch.nn.functional.binary_cross_entropy_with_logits(
        z, torch.tensor(y, dtype=torch.float64), weight=torch.tensor(s), reduction="sum")
    ref = data / s.sum() + 0.5 * alpha * (tw @ tw + (tV * tV).sum())
    ref.backward()
    np.testing.assert_allclose(loss, ref.item(), rtol=1e-10)
    np.testing.assert_allclose(gb, tb.grad.item(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(gw, tw.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(gV, tV.grad.numpy(), rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("alpha", [1e-3, 1e-2])
def test_logistic_regression_on_hashed_features_matches_sklearn(alpha):
    rng = np.random.default_rng(1)
    X_cat = np.column_stack([rng.integers(0, 30, 3000), rng.integers(0, 10, 3000)])
    effect = rng.normal(size=30)[X_cat[:, 0]] + rng.normal(size=10)[X_cat[:, 1]]
    y = (rng.random(3000) < 1 / (1 + np.exp(-(effect - 2)))).astype(int)
    X = hash_categorical(X_cat, 2**10, crosses=[("f0", "f1")])
    ours = FactorizationMachine(0, alpha=alpha, tol=1e-10, max_iter=2000).fit(X, y)
    ref = sklearn.linear_model.LogisticRegression(C=1 / (alpha * 3000), tol=1e-10,
                                                  max_iter=5000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_.ravel(), atol=1e-3)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-4)

    def objective(b, w):
        return fm_log_loss_and_grad(X, y, b, w, np.zeros((X.shape[1], 0)), alpha=alpha)[0]

    # Both stop near the same optimum; ours is at least as low (within 1e-10).
    assert objective(ours.intercept_, ours.coef_) <= objective(
        float(ref.intercept_[0]), ref.coef_.ravel()) + 1e-10


@pytest.mark.parametrize("rate", [0.01, 0.3, 0.5])
def test_normalized_entropy_matches_sklearn_and_scipy(rate):
    rng = np.random.default_rng(int(rate * 100))
    y = (rng.random(2000) < rate).astype(int)
    p = np.clip(rate + 0.1 * rng.normal(size=2000), 0.001, 0.999)
    base = y.mean()
    ref = sklearn.metrics.log_loss(y, p) / scipy.stats.entropy([base, 1 - base])
    assert normalized_entropy(y, p) == pytest.approx(ref, rel=1e-12)
