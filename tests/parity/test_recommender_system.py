"""Recommender pieces against PyTorch 2.13, scikit-learn and SciPy.

- ``in_batch_softmax_loss``: PyTorch has no such loss, so the reference is the same
  computation in plain torch: ``q @ c.T / temperature - log_q``, accidental hits set to
  ``-inf`` with ``masked_fill``, then ``torch.nn.functional.cross_entropy`` against
  ``arange(B)``. Forward values and the gradients of both embedding matrices are compared.
  Tolerance: rtol 1e-10 / atol 1e-12 in float64 (summation order only), rtol 1e-5 /
  atol 1e-6 in float32.
- ``top_k`` against ``torch.topk`` (scores without ties, where topk's order among ties
  is unspecified; excluded items set to -inf before topk): exact equality of indices.
- ``ndcg_at_k`` against ``sklearn.metrics.ndcg_score`` on the list scores, rtol 1e-12.
- ``mean_popularity_percentile`` against ``scipy.stats.rankdata(method="average")``,
  rtol 1e-12.
"""

import numpy as np
import pytest
import scipy.stats
import sklearn.metrics
import torch

from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.design.recsys import (
    in_batch_softmax_loss,
    list_scores,
    mean_popularity_percentile,
    ndcg_at_k,
    top_k,
)

TOL = {np.float64: (1e-10, 1e-12), np.float32: (1e-5, 1e-6)}
TDT = {np.float64: torch.float64, np.float32: torch.float32}


def torch_in_batch_loss(q, c, log_q, item_ids, temperature, reduction):
    logits = q @ c.T / temperature
    if log_q is not None:
        logits = logits - torch.as_tensor(log_q, dtype=q.dtype)[None, :]
    if item_ids is not None:
        ids = torch.as_tensor(item_ids)
        hit = (ids[:, None] == ids[None, :]) & ~torch.eye(len(ids), dtype=torch.bool)
        logits = logits.masked_fill(hit, float("-inf"))
    target = torch.arange(q.shape[0])
    return torch.nn.functional.cross_entropy(logits, target, reduction=reduction)


CASES = [  # (B, d, with log_q, with repeated item ids, temperature)
    (1, 3, False, False, 1.0),
    (4, 2, True, False, 1.0),
    (8, 16, True, True, 0.1),
    (33, 5, False, True, 0.5),
    (64, 8, True, True, 0.05),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("B, d, use_log_q, repeats, temperature", CASES)
def test_in_batch_softmax_loss_matches_torch(B, d, use_log_q, repeats, temperature,
                                              reduction, dtype):
    rng = np.random.default_rng(B * 100 + d)
    q_np = rng.normal(size=(B, d)).astype(dtype)
    c_np = rng.normal(size=(B, d)).astype(dtype)
    log_q = np.log(rng.dirichlet(np.ones(B) * 0.5) + 1e-6) if use_log_q else None
    ids = rng.integers(0, max(1, B // 2), B) if repeats else None
    q, c = Tensor(q_np, requires_grad=True), Tensor(c_np, requires_grad=True)
    ours = in_batch_softmax_loss(q, c, log_q=log_q, item_ids=ids, temperature=temperature,
                                 reduction=reduction)
    tq = torch.tensor(q_np, requires_grad=True)
    tc = torch.tensor(c_np, requires_grad=True)
    ref = torch_in_batch_loss(tq, tc, log_q, ids, temperature, reduction)
    rtol, atol = TOL[dtype]
    assert ours.dtype == dtype
    np.testing.assert_allclose(ours.data, ref.detach().numpy(), rtol=rtol, atol=atol)
    # Backward of a random upstream gradient (for 'none') or of the scalar.
    up = rng.normal(size=ours.shape).astype(dtype)
    ours.backward(up if reduction == "none" else None)
    ref.backward(torch.tensor(up) if reduction == "none" else None)
    np.testing.assert_allclose(q.grad.data, tq.grad.numpy(), rtol=rtol, atol=atol)
    np.testing.assert_allclose(c.grad.data, tc.grad.numpy(), rtol=rtol, atol=atol)


@pytest.mark.parametrize("B, d, use_log_q, repeats, temperature", CASES[:4])
def test_in_batch_softmax_loss_gradcheck(B, d, use_log_q, repeats, temperature):
    rng = np.random.default_rng(B)
    q = Tensor(rng.normal(size=(B, d)), requires_grad=True)
    c = Tensor(rng.normal(size=(B, d)), requires_grad=True)
    log_q = np.log(rng.dirichlet(np.ones(B))) if use_log_q else None
    ids = rng.integers(0, max(1, B // 2), B) if repeats else None
    assert gradcheck(lambda a, b: in_batch_softmax_loss(
        a, b, log_q=log_q, item_ids=ids, temperature=temperature), [q, c])


@pytest.mark.parametrize("n_users, n_items, k, p_exclude", [
    (1, 5, 1, 0.0), (7, 20, 5, 0.3), (50, 300, 10, 0.1), (3, 6, 6, 0.0), (20, 40, 7, 0.5)])
def test_top_k_matches_torch_topk(n_users, n_items, k, p_exclude):
    rng = np.random.default_rng(n_items)
    scores = rng.normal(size=(n_users, n_items))                # continuous: no ties
    exclude = rng.random((n_users, n_items)) < p_exclude
    exclude[:, :k] = False                                     # at least k eligible items
    masked = torch.tensor(scores).masked_fill(torch.tensor(exclude), float("-inf"))
    ref = torch.topk(masked, k, dim=1, largest=True, sorted=True).indices.numpy()
    np.testing.assert_array_equal(top_k(scores, k, exclude=exclude), ref)


@pytest.mark.parametrize("n_users, n_items, k", [(5, 8, 3), (40, 100, 10), (12, 30, 30)])
def test_ndcg_at_k_matches_sklearn(n_users, n_items, k):
    rng = np.random.default_rng(k)
    relevant = rng.random((n_users, n_items)) < 0.2
    relevant[:, 0] = True                                      # every user has one
    rec = np.argsort(-rng.random((n_users, n_items)), axis=1)[:, :k]
    ref = sklearn.metrics.ndcg_score(relevant.astype(float), list_scores(rec, n_items), k=k)
    assert ndcg_at_k(rec, relevant) == pytest.approx(ref, rel=1e-12)


@pytest.mark.parametrize("n_items, high", [(2, 3), (10, 3), (200, 50), (57, 1000)])
def test_popularity_percentile_matches_scipy_rankdata(n_items, high):
    rng = np.random.default_rng(n_items)
    counts = rng.integers(0, high, n_items)                    # many ties when high is small
    rec = rng.integers(0, n_items, size=(9, 4))
    pct = (scipy.stats.rankdata(counts, method="average") - 1) / (n_items - 1)
    assert mean_popularity_percentile(rec, counts) == pytest.approx(pct[rec].mean(),
                                                                    rel=1e-12)
