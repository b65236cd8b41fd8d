"""Mixture of experts: gating, capacity and dropping, the auxiliary losses, dense
equivalence and input checks, each against a case worked by hand or a closed form.
(PyTorch parity and finite differences: tests/parity/test_mixture_of_experts.py.)"""

import math

import numpy as np
import pytest

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def t64(a, requires_grad=False):
    return Tensor(np.asarray(a, dtype=np.float64), requires_grad=requires_grad)


# -- top-k gating -----------------------------------------------------------------------
def test_gating_hand_worked():
    # softmax(log [1, 2, 3, 4]) = [0.1, 0.2, 0.3, 0.4]; equal logits tie to the lower index.
    logits = t64([np.log([1.0, 2.0, 3.0, 4.0]), [0.0, 0.0, 0.0, 0.0]])
    gates, idx, probs = F.top_k_gating(logits, 2)
    np.testing.assert_allclose(probs.data, [[0.1, 0.2, 0.3, 0.4], [0.25] * 4], rtol=1e-12)
    assert idx.tolist() == [[3, 2], [0, 1]]
    assert idx.dtype == np.int64
    np.testing.assert_allclose(gates.data, [[0.4, 0.3], [0.25, 0.25]], rtol=1e-12)
    gates, idx, _ = F.top_k_gating(logits, 2, renormalize=True)
    np.testing.assert_allclose(gates.data, [[4 / 7, 3 / 7], [0.5, 0.5]], rtol=1e-12)
    gates, idx, _ = F.top_k_gating(logits, 4)
    assert idx.tolist() == [[3, 2, 1, 0], [0, 1, 2, 3]]


def test_gating_keeps_leading_dims_and_gradient_of_a_gate():
    logits = t64(np.random.default_rng(0).normal(size=(2, 3, 5)), requires_grad=True)
    gates, idx, probs = F.top_k_gating(logits, 3)
    assert gates.shape == (2, 3, 3) and idx.shape == (2, 3, 3) and probs.shape == (2, 3, 5)
    gates[0, 0, 0].backward()
    # d p_i / d z_j = p_i (δ_ij - p_j) for the chosen expert i.
    p = probs.data[0, 0]
    i = idx.data[0, 0, 0]
    expected = -p[i] * p
    expected[i] += p[i]
    np.testing.assert_allclose(logits.grad.data[0, 0], expected, rtol=1e-12)
    assert not logits.grad.data[1:].any() and not logits.grad.data[0, 1:].any()


def test_top1_renormalised_gate_is_one_and_gives_the_router_no_gradient():
    logits = t64([[0.3, -1.0, 2.0], [1.0, 0.5, 0.2]], requires_grad=True)
    gates, _, _ = F.top_k_gating(logits, 1, renormalize=True)
    np.testing.assert_allclose(gates.data, 1.0)
    (gates * t64([[2.0], [3.0]])).sum().backward()
    np.testing.assert_allclose(logits.grad.data, 0.0, atol=1e-15)


@pytest.mark.parametrize("k", [0, 4, -1])
def test_gating_rejects_bad_k(k):
    with pytest.raises(ValueError, match="k must be"):
        F.top_k_gating(t64([[0.0, 1.0, 2.0]]), k)


def test_gating_takes_arrays_as_constants_and_rejects_bad_input():
    z = np.random.default_rng(5).normal(size=(4, 3))
    gates, idx, probs = F.top_k_gating(z, 2)
    ref_gates, ref_idx, _ = F.top_k_gating(t64(z), 2)
    np.testing.assert_array_equal(gates.data, ref_gates.data)
    assert idx.tolist() == ref_idx.tolist() and not probs.requires_grad
    with pytest.raises(TypeError, match="router_logits"):
        F.top_k_gating(np.array([["a", "b"]]), 1)
    with pytest.raises(TypeError, match="router_logits"):
        F.top_k_gating(None, 1)
    with pytest.raises(ValueError, match="router_logits must be a rectangular"):
        F.top_k_gating([[0.0, 1.0], [2.0]], 1)
    with pytest.raises(TypeError, match="floating"):
        F.top_k_gating(Tensor(np.zeros((2, 3), dtype=np.int64)), 1)
    with pytest.raises(TypeError, match="k must be an int"):
        F.top_k_gating(t64([[0.0, 1.0]]), 1.0)
    with pytest.raises(ValueError, match="no tokens"):
        F.top_k_gating(t64(np.zeros((0, 3))), 1)


# -- capacity and the queue -------------------------------------------------------------
@pytest.mark.parametrize("args, expected", [
    ((8, 4, 1, 1.0), 2),      # 8 tokens over 4 experts: 2 each
    ((8, 4, 1, 1.25), 3),     # 2.5 rounds up
    ((8, 4, 2, 1.0), 4),      # top-2: twice the assignments
    ((3, 4, 1, 1.0), 1),      # 0.75 rounds up to 1
    ((10, 1, 1, 1.1), 11),    # 11.000000000000002 in floating point: still 11
    ((6, 4, 4, 1.0), 6),      # k = E: every expert sees every token
    ((0, 4, 1, 2.0), 0),
])
def test_expert_capacity(args, expected):
    assert F.expert_capacity(*args) == expected


@pytest.mark.parametrize("kwargs, match", [
    (dict(capacity_factor=0.0), "capacity_factor"),
    (dict(capacity_factor=float("inf")), "capacity_factor"),
    (dict(top_k=5), "top_k"),
])
def test_expert_capacity_rejects(kwargs, match):
    with pytest.raises(ValueError, match=match):
        F.expert_capacity(8, 4, **kwargs)


def test_positions_of_the_docstring_example():
    pos = F.expert_positions(np.array([[0, 1], [0, 2], [0, 1]]), 3)
    assert pos.tolist() == [[0, 0], [1, 0], [2, 1]]
    assert (pos < 2).tolist() == [[True, True], [True, True], [False, True]]


def test_first_choices_queue_before_second_choices():
    # Token 0's second choice (expert 0) queues after token 2's first choice (expert 0):
    # with capacity 2 it is token 0's second choice that is dropped, not token 2's first.
    idx = np.array([[1, 0], [0, 1], [0, 2]])
    pos = F.expert_positions(idx, 3)
    assert pos.tolist() == [[0, 2], [0, 1], [1, 0]]
    assert (pos < 2).tolist() == [[True, False], [True, True], [True, True]]


def test_token_order_sets_the_queue_within_a_rank():
    idx = np.array([[1, 0], [0, 1], [0, 2]])
    pos = F.expert_positions(idx, 3, token_order=[2, 1, 0])
    assert pos.tolist() == [[0, 2], [1, 1], [0, 0]]


def test_positions_top1_vector_and_counts():
    idx = np.array([2, 0, 2, 2, 1, 0])
    assert F.expert_positions(idx, 4).tolist() == [0, 0, 1, 2, 0, 1]


def test_positions_are_a_queue_per_expert_on_random_routing():
    # Whatever the routing, each expert's positions are 0, 1, ..., count - 1, and they
    # increase along the queue (rank, then token order): the rule, checked against a loop.
    rng = np.random.default_rng(3)
    T, E, k = 40, 5, 3
    idx = np.stack([rng.permutation(E)[:k] for _ in range(T)])
    order = rng.permutation(T)
    pos = F.expert_positions(idx, E, token_order=order)
    seen = np.zeros(E, dtype=int)
    for r in range(k):
        for t in order:
            assert pos[t, r] == seen[idx[t, r]]
            seen[idx[t, r]] += 1


def test_positions_reject_bad_input():
    with pytest.raises(ValueError, match=r"expert ids in \[0, 2\]"):
        F.expert_positions(np.array([[0, 3]]), 3)
    with pytest.raises(TypeError, match="integer"):
        F.expert_positions(np.array([[0.0, 1.0]]), 3)
    with pytest.raises(ValueError, match="permutation"):
        F.expert_positions(np.array([0, 1]), 3, token_order=[0, 0])


# -- the load-balancing loss ------------------------------------------------------------
def test_load_balancing_loss_hand_worked():
    probs = t64([[0.9, 0.1], [0.8, 0.2], [0.6, 0.4], [0.3, 0.7]], requires_grad=True)
    idx = np.array([0, 0, 0, 1])
    # f = (3/4, 1/4), P = (0.65, 0.35): L = 2 (0.75 · 0.65 + 0.25 · 0.35) = 1.15
    loss = F.load_balancing_loss(probs, idx)
    assert loss.shape == ()
    np.testing.assert_allclose(loss.item(), 1.15, rtol=1e-12)
    loss.backward()
    # dL/dp_ti = E f_i / T = 2 · (0.75, 0.25) / 4 for every token
    np.testing.assert_allclose(probs.grad.data, np.tile([0.375, 0.125], (4, 1)), rtol=1e-12)


def test_load_balancing_loss_top_k_fractions_over_all_assignments():
    probs = t64([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]])
    idx = np.array([[0, 1], [1, 2]])
    # f = (1, 2, 1) / 4, P = (0.3, 0.45, 0.25): L = 3 (0.075 + 0.225 + 0.0625) = 1.0875
    np.testing.assert_allclose(F.load_balancing_loss(probs, idx).item(), 1.0875, rtol=1e-12)


def test_load_balancing_loss_is_one_at_balance_and_more_when_confident_and_unbalanced():
    rng = np.random.default_rng(0)
    E, T = 4, 1200
    # A confident router (one-hot probabilities) has f = P, so L = E Σ f² >= 1
    # (Cauchy-Schwarz), with equality exactly at uniform routing.
    balanced = np.repeat(np.arange(E), T // E)
    assert F.load_balancing_loss(Tensor(np.eye(E)[balanced]), balanced).item() == \
        pytest.approx(1.0, rel=1e-12)
    for _ in range(20):
        idx = rng.choice(E, size=T, p=rng.dirichlet(np.ones(E)))
        f = np.bincount(idx, minlength=E) / T
        loss = F.load_balancing_loss(Tensor(np.eye(E)[idx]), idx).item()
        assert loss == pytest.approx(E * np.sum(f**2), rel=1e-12)
        assert loss >= 1.0
    # A router with uniform probabilities scores 1 whatever it dispatches.
    idx = np.zeros(T, dtype=int)
    assert F.load_balancing_loss(Tensor(np.full((T, E), 1 / E)), idx).item() == \
        pytest.approx(1.0, rel=1e-12)


def test_load_balancing_loss_can_dip_below_one_with_hard_routing():
    # 9 tokens barely prefer expert 0, one token is sure of expert 1: f = (0.9, 0.1),
    # P = (0.459, 0.541), L = 2 (0.4131 + 0.0541) = 0.9344 < 1. One is the value at
    # balance, not a lower bound.
    probs = t64([[0.51, 0.49]] * 9 + [[0.0, 1.0]])
    idx = np.array([0] * 9 + [1])
    np.testing.assert_allclose(F.load_balancing_loss(probs, idx).item(), 0.9344, rtol=1e-12)


def test_load_balancing_loss_rejects_mismatched_index():
    with pytest.raises(ValueError, match="expert_index must have shape"):
        F.load_balancing_loss(t64(np.full((3, 2), 0.5)), np.array([0, 1]))


# -- the router z-loss ------------------------------------------------------------------
def test_router_z_loss_with_infinite_logits_follows_logsumexp():
    # +inf in a row: log-sum-exp is +inf; -inf is an expert with probability 0.
    loss = F.router_z_loss(np.array([[np.inf, 0.0], [-np.inf, 0.0]]))
    assert loss.item() == np.inf
    np.testing.assert_allclose(F.router_z_loss(np.array([[-np.inf, 0.0]])).item(), 0.0)


def test_router_z_loss_hand_worked_and_stable():
    logits = t64([[0.0, 0.0], [1000.0, 1000.0]], requires_grad=True)
    loss = F.router_z_loss(logits)
    ln2 = math.log(2)
    np.testing.assert_allclose(loss.item(), (ln2**2 + (1000 + ln2) ** 2) / 2, rtol=1e-12)
    loss.backward()
    # d/dz of mean lse² = 2 lse softmax / T
    np.testing.assert_allclose(logits.grad.data,
                               [[ln2 / 2, ln2 / 2], [(1000 + ln2) / 2, (1000 + ln2) / 2]],
                               rtol=1e-12)


# -- the layer ----------------------------------------------------------------------------
def make_moe(**kwargs):
    options = dict(d_model=3, num_experts=4, dim_feedforward=5, top_k=2, dtype=np.float64,
                   generator=np.random.default_rng(0))
    options.update(kwargs)
    return nn.MixtureOfExperts(**options)


def dense_mixture(moe, x):
    """Σ_e p_e(x) expert_e(x), every expert on every token (the layer without sparsity)."""
    probs = F.softmax(moe.router(x), dim=-1)
    outs = [expert(x) for expert in moe.experts]
    return sum(probs[:, e:e + 1] * out for e, out in enumerate(outs))


@pytest.mark.parametrize("renormalize", [False, True])
@pytest.mark.parametrize("capacity_factor", [None, 1.0])
def test_all_experts_without_dropping_equals_the_dense_mixture(renormalize, capacity_factor):
    # With k = E, capacity_factor 1 gives capacity T: still nothing is dropped.
    moe = make_moe(top_k=4, renormalize=renormalize, capacity_factor=capacity_factor)
    x = t64(np.random.default_rng(1).normal(size=(7, 3)))
    np.testing.assert_allclose(moe(x).data, dense_mixture(moe, x).data, rtol=1e-12,
                               atol=1e-14)
    assert moe.routing.kept.all() and moe.routing.capacity == 7


def test_top_k_output_mixes_the_chosen_experts():
    moe = make_moe(top_k=2, renormalize=True)
    x = t64(np.random.default_rng(2).normal(size=(6, 3)))
    y = moe(x).data
    gates, idx, _ = F.top_k_gating(moe.router(x), 2, renormalize=True)
    for t in range(6):
        expected = sum(gates.data[t, j] * moe.experts[idx.data[t, j]](x[t:t + 1]).data[0]
                       for j in range(2))
        np.testing.assert_allclose(y[t], expected, rtol=1e-12)


def routed_layer(**kwargs):
    """Two experts and a router that sends a token to expert 0 when x0 > x1."""
    moe = make_moe(d_model=2, num_experts=2, dim_feedforward=3, **kwargs)
    moe.router.weight.data[...] = [[1.0, 0.0], [0.0, 1.0]]
    return moe


def test_capacity_drops_the_tokens_at_the_back_of_the_queue():
    moe = routed_layer(top_k=1, capacity_factor=1.0)
    # All four tokens prefer expert 0; capacity = ceil(1 · 1 · 4 / 2) = 2.
    x = t64([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [0.5, 0.0]])
    y = moe(x).data
    r = moe.routing
    assert r.capacity == 2
    assert r.kept[:, 0].tolist() == [True, True, False, False]
    assert r.tokens_per_expert.tolist() == [2, 0]
    assert r.tokens_dropped == 2 and r.dropped_fraction == 0.5
    p0 = F.softmax(moe.router(x), dim=-1).data[:, 0]
    np.testing.assert_allclose(y[:2], p0[:2, None] * moe.experts[0](x[:2]).data, rtol=1e-12)
    np.testing.assert_array_equal(y[2:], 0.0)


def test_score_priority_keeps_the_most_confident_tokens():
    moe = routed_layer(top_k=1, capacity_factor=1.0, priority="score")
    x = t64([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [0.5, 0.0]])
    moe(x)
    # Top-1 probabilities grow with x0: tokens 2 and 1 queue first.
    assert moe.routing.kept[:, 0].tolist() == [False, True, True, False]


def test_a_dropped_first_choice_still_leaves_the_second():
    moe = make_moe(d_model=3, num_experts=3, top_k=2, capacity_factor=0.75, renormalize=True)
    moe.router.weight.data[...] = np.eye(3)
    # Token 0 picks experts (0, 1), token 1 picks (0, 2); capacity = ceil(0.75 · 2 · 2 / 3)
    # = 1, so token 1 loses expert 0 (token 0 queued first) and keeps expert 2.
    x = t64([[2.0, 1.0, 0.0], [2.0, 0.0, 1.0]])
    y = moe(x).data
    r = moe.routing
    assert r.capacity == 1
    assert r.expert_index.tolist() == [[0, 1], [0, 2]]
    assert r.kept.tolist() == [[True, True], [False, True]]
    assert r.tokens_dropped == 0 and r.tokens_per_expert.tolist() == [1, 1, 1]
    # Gates are not renormalised after dropping: token 1 keeps only its gate for expert 2.
    np.testing.assert_allclose(y[1], r.gates[1, 1] * moe.experts[2](x[1:]).data[0],
                               rtol=1e-12)


def test_a_token_that_loses_every_choice_gives_zero():
    moe = routed_layer(top_k=2, capacity_factor=0.5)
    # capacity = ceil(0.5 · 2 · 2 / 2) = 1; both tokens rank the experts (0, 1), so
    # token 0 fills both buffers and token 1 is dropped entirely.
    x = t64([[1.0, 0.0], [2.0, 0.0]])
    y = moe(x).data
    assert moe.routing.kept.tolist() == [[True, True], [False, False]]
    assert moe.routing.tokens_dropped == 1
    np.testing.assert_array_equal(y[1], 0.0)
    assert np.abs(y[0]).sum() > 0


def test_layer_losses_and_shapes():
    moe = make_moe(load_balancing_coef=0.1, router_z_loss_coef=0.01)
    x = t64(np.random.default_rng(4).normal(size=(2, 5, 3)))
    y = moe(x)
    assert y.shape == (2, 5, 3)
    assert moe.router_logits.shape == (10, 4)
    probs = F.softmax(moe.router_logits, dim=-1)
    lb = F.load_balancing_loss(probs, moe.routing.expert_index).item()
    z = F.router_z_loss(moe.router_logits).item()
    assert moe.load_balancing_loss.item() == pytest.approx(lb, rel=1e-12)
    assert moe.router_z_loss.item() == pytest.approx(z, rel=1e-12)
    assert moe.aux_loss.item() == pytest.approx(0.1 * lb + 0.01 * z, rel=1e-12)


def test_state_dict_names_follow_a_module_list_of_mlps():
    keys = list(make_moe(num_experts=2).state_dict())
    assert keys == ["router.weight", "experts.0.0.weight", "experts.0.0.bias",
                    "experts.0.2.weight", "experts.0.2.bias", "experts.1.0.weight",
                    "experts.1.0.bias", "experts.1.2.weight", "experts.1.2.bias"]
    assert nn.MoE is nn.MixtureOfExperts


def test_same_generator_same_layer():
    a, b = make_moe(), make_moe()
    for (ka, va), (kb, vb) in zip(a.state_dict().items(), b.state_dict().items(), strict=True):
        assert ka == kb
        np.testing.assert_array_equal(va, vb)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(top_k=5), ValueError, "top_k"),
    (dict(top_k=0), ValueError, "top_k"),
    (dict(num_experts=0), ValueError, "num_experts"),
    (dict(d_model=2.5), ValueError, "d_model"),
    (dict(dim_feedforward=0), ValueError, "dim_feedforward"),
    (dict(capacity_factor=-1.0), ValueError, "capacity_factor"),
    (dict(priority="random"), ValueError, "priority"),
    (dict(activation="tanh"), ValueError, "activation"),
    (dict(load_balancing_coef=-0.1), ValueError, "load_balancing_coef"),
    (dict(router_z_loss_coef=float("nan")), ValueError, "router_z_loss_coef"),
])
def test_layer_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_moe(**kwargs)


def test_layer_rejects_bad_input():
    moe = make_moe()
    with pytest.raises(ValueError, match="d_model = 3"):
        moe(t64(np.zeros((2, 4))))
    with pytest.raises(TypeError, match="dtype"):
        moe(Tensor(np.zeros((2, 3), dtype=np.float32)))
    with pytest.raises(TypeError, match="Tensor"):
        moe(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="no tokens"):
        moe(t64(np.zeros((0, 3))))
