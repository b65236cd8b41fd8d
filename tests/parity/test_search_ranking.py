"""search-ranking library against references.

- ListNet (``design.ltr.listnet_loss``) against PyTorch's ``-(softmax(y) *
  log_softmax(s)).sum(1).mean()``: value and gradient, float64 (rtol 1e-12) and float32
  (rtol 1e-5), several shapes and extreme score scales.
- LambdaRank lambdas against a brute-force loop over pairs whose |ΔNDCG| is the change of
  scikit-learn's ``ndcg_score`` when the two documents swap scores (rtol 1e-10: sklearn
  sums the discounts in another order), and against torch.autograd of the
  |ΔNDCG|-weighted RankNet loss (rtol 1e-12).
- The IPS losses against PyTorch: pointwise = ``binary_cross_entropy_with_logits`` with
  target c/θ; pairwise = a per-pair loop of ``logsigmoid``; listwise = weighted
  ``log_softmax`` (rtol 1e-12, float64).
- ``ipw_ctr`` against a per-impression Python loop (rtol 1e-12).
"""

import itertools

import numpy as np
import pytest
import sklearn.metrics
import torch

from mlinterview.ml.autograd import Tensor
from mlinterview.ml.design.clicks import ipw_ctr
from mlinterview.ml.design.ltr import (
    ips_listwise_loss,
    ips_pairwise_loss,
    ips_pointwise_loss,
    lambdarank_lambdas,
    listnet_loss,
)

SHAPES = [(1, 2), (4, 6), (30, 20), (3, 50)]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("scale", [1.0, 30.0])
@pytest.mark.parametrize("dtype,rtol", [(np.float64, 1e-12), (np.float32, 1e-5)])
def test_listnet_matches_pytorch(shape, scale, dtype, rtol):
    rng = np.random.default_rng(shape[1] + int(scale))
    s = (rng.normal(size=shape) * scale).astype(dtype)
    g = rng.integers(0, 5, shape).astype(np.float64)
    ours = Tensor(s.copy(), requires_grad=True)
    loss = listnet_loss(ours, g)
    loss.backward()
    ts = torch.tensor(s, requires_grad=True)
    target = torch.softmax(torch.tensor(g, dtype=ts.dtype), dim=1)
    ref = -(target * torch.log_softmax(ts, dim=1)).sum(dim=1).mean()
    ref.backward()
    assert float(loss.data) == pytest.approx(ref.item(), rel=rtol)
    assert loss.data.dtype == dtype and ours.grad.data.dtype == dtype
    np.testing.assert_allclose(ours.grad.data, ts.grad.numpy(), rtol=rtol, atol=rtol * 1e-3)


def _brute_lambdas(s, g, sigma, k, gain):
    """One pair at a time: |ΔNDCG| from scikit-learn's ndcg_score on the swapped scores
    (with gains 2^g - 1 passed as y_true for the exponential gain)."""
    y = 2.0 ** g - 1.0 if gain == "exp2" else g
    lam = np.zeros_like(s)
    for q in range(s.shape[0]):
        if y[q].max() == 0:
            continue
        base = sklearn.metrics.ndcg_score(y[q:q + 1], s[q:q + 1], k=k)
        for i, j in itertools.permutations(range(s.shape[1]), 2):
            if g[q, i] <= g[q, j]:
                continue
            t = s[q:q + 1].copy()
            t[0, [i, j]] = t[0, [j, i]]
            delta = abs(sklearn.metrics.ndcg_score(y[q:q + 1], t, k=k) - base)
            lam_ij = -sigma / (1.0 + np.exp(sigma * (s[q, i] - s[q, j]))) * delta
            lam[q, i] += lam_ij
            lam[q, j] -= lam_ij
    return lam


@pytest.mark.parametrize("shape", [(1, 3), (5, 6), (8, 12)])
@pytest.mark.parametrize("k", [None, 1, 5])
@pytest.mark.parametrize("gain", ["exp2", "linear"])
@pytest.mark.parametrize("sigma", [1.0, 2.5])
def test_lambdas_match_brute_force_with_sklearn_ndcg(shape, k, gain, sigma):
    rng = np.random.default_rng(shape[1] * 3 + (k or 0))
    # Distinct scores: sklearn averages tied documents, we order ties by column.
    s = rng.permutation(np.prod(shape)).reshape(shape) * 0.37 - 3.0
    g = rng.integers(0, 4, shape).astype(float)
    g[-1] = 0.0                                 # a query without any pair
    np.testing.assert_allclose(lambdarank_lambdas(s, g, sigma=sigma, k=k, gain=gain),
                               _brute_lambdas(s, g, sigma, k, gain), rtol=1e-10, atol=1e-14)


def test_lambdas_are_the_gradient_of_the_weighted_ranknet_loss_in_torch():
    rng = np.random.default_rng(9)
    s = rng.normal(size=(6, 9)) * 2
    g = rng.integers(0, 4, (6, 9)).astype(float)
    ts = torch.tensor(s, requires_grad=True)
    total = torch.zeros((), dtype=torch.float64)
    y = 2.0 ** g - 1.0
    for q in range(6):
        if y[q].max() == 0:
            continue
        base = sklearn.metrics.ndcg_score(y[q:q + 1], s[q:q + 1], k=5)
        for i, j in itertools.permutations(range(9), 2):
            if g[q, i] > g[q, j]:
                t = s[q:q + 1].copy()
                t[0, [i, j]] = t[0, [j, i]]
                delta = abs(sklearn.metrics.ndcg_score(y[q:q + 1], t, k=5) - base)
                total = total - delta * torch.nn.functional.logsigmoid(ts[q, i] - ts[q, j])
    total.backward()
    np.testing.assert_allclose(lambdarank_lambdas(s, g, k=5), ts.grad.numpy(), rtol=1e-10,
                               atol=1e-14)


def _click_case(shape, seed):
    rng = np.random.default_rng(seed)
    s = rng.normal(size=shape) * 2
    clicks = (rng.random(shape) < 0.4).astype(float)
    clicks[0, 0] = 1.0
    theta = (1.0 / np.arange(1, shape[1] + 1)) ** 1.3
    return s, clicks, theta


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("clip", [None, 0.3])
def test_ips_pointwise_matches_torch_bce_with_logits(shape, clip):
    s, clicks, theta = _click_case(shape, sum(shape))
    ours = Tensor(s.copy(), requires_grad=True)
    loss = ips_pointwise_loss(ours, clicks, theta, clip=clip)
    loss.backward()
    ts = torch.tensor(s, requires_grad=True)
    th = np.maximum(theta, clip) if clip else theta
    target = torch.tensor(clicks / th)         # outside [0, 1]: torch does not check
    ref = torch.nn.functional.binary_cross_entropy_with_logits(ts, target)
    ref.backward()
    assert float(loss.data) == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(ours.grad.data, ts.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("sigma", [1.0, 0.5])
def test_ips_pairwise_matches_a_torch_pair_loop(shape, sigma):
    s, clicks, theta = _click_case(shape, 2 * sum(shape))
    ours = Tensor(s.copy(), requires_grad=True)
    loss = ips_pairwise_loss(ours, clicks, theta, sigma=sigma)
    loss.backward()
    ts = torch.tensor(s, requires_grad=True)
    ref = torch.zeros((), dtype=torch.float64)
    for q in range(shape[0]):
        for i, j in itertools.permutations(range(shape[1]), 2):
            if clicks[q, i]:
                ref = ref - torch.nn.functional.logsigmoid(sigma * (ts[q, i] - ts[q, j])) \
                    / theta[i]
    ref = ref / shape[0]
    ref.backward()
    assert float(loss.data) == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(ours.grad.data, ts.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("shape", SHAPES)
def test_ips_listwise_matches_torch(shape):
    s, clicks, theta = _click_case(shape, 3 * sum(shape))
    ours = Tensor(s.copy(), requires_grad=True)
    loss = ips_listwise_loss(ours, clicks, theta)
    loss.backward()
    ts = torch.tensor(s, requires_grad=True)
    w = torch.tensor(clicks / theta)
    ref = -(w * torch.log_softmax(ts, dim=1)).sum(dim=1).mean()
    ref.backward()
    assert float(loss.data) == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(ours.grad.data, ts.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("n", [1, 50, 2000])
def test_ipw_ctr_matches_a_loop(n):
    rng = np.random.default_rng(n)
    theta = rng.uniform(0.05, 1.0, 8)
    docs, pos = rng.integers(0, 30, n), rng.integers(0, 8, n)
    clicks = rng.random(n) < 0.3
    total, count = np.zeros(30), np.zeros(30)
    for d, p, c in zip(docs, pos, clicks, strict=True):
        total[d] += c / theta[p]
        count[d] += 1
    with np.errstate(invalid="ignore"):
        ref = total / count
    np.testing.assert_allclose(ipw_ctr(docs, pos, clicks, theta, n_docs=30), ref, rtol=1e-12)
