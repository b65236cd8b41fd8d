"""Mixture of experts against PyTorch 2.13, and gradients against finite differences.

PyTorch has no MoE layer, so the references are written here with plain torch ops:
``torch.softmax`` + ``torch.topk`` + ``gather`` for the gating, ``one_hot`` means for the
load-balancing loss, ``torch.logsumexp`` for the z-loss, and for the whole layer a
``ModuleList`` of ``Sequential(Linear, ReLU/GELU, Linear)`` experts run one expert at a
time on the tokens it kept (``index_select`` / ``index_add_``), the capacity queue
walked by a Python loop. Our layer loads that module's ``state_dict``. Forward values
and every gradient (input, router, each expert's weights and biases) are compared.

Tolerance: rtol 1e-10 / atol 1e-12 in float64 (different summation orders only);
rtol 1e-4 / atol 1e-5 in float32. Random logits have no ties, where ``torch.topk``'s
order is unspecified.
"""

import math

import numpy as np
import pytest
import torch

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.nn import functional as F

TOL = {np.float64: (1e-10, 1e-12), np.float32: (1e-4, 1e-5)}
TDT = {np.float64: torch.float64, np.float32: torch.float32}
DTYPES = [np.float64, np.float32]


def close(ours, theirs, dtype):
    rtol, atol = TOL[dtype]
    a = ours.data if isinstance(ours, Tensor) else np.asarray(ours)
    np.testing.assert_allclose(a, theirs.detach().numpy(), rtol=rtol, atol=atol)


# -- the pieces ----------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, k", [((5, 4), 1), ((5, 4), 2), ((2, 3, 8), 3), ((7, 6), 6),
                                      ((1, 3), 2), ((4, 1), 1)])
@pytest.mark.parametrize("renormalize", [False, True])
def test_top_k_gating_matches_softmax_topk_gather(dtype, shape, k, renormalize):
    rng = np.random.default_rng(sum(shape) + k)
    z = rng.normal(size=shape).astype(dtype) * 2
    w_g = rng.normal(size=(*shape[:-1], k)).astype(dtype)
    w_p = rng.normal(size=shape).astype(dtype)

    zo = Tensor(z, requires_grad=True)
    gates, idx, probs = F.top_k_gating(zo, k, renormalize=renormalize)
    ((gates * Tensor(w_g)).sum() + (probs * Tensor(w_p)).sum()).backward()

    zt = torch.tensor(z, requires_grad=True)
    pt = torch.softmax(zt, dim=-1)
    top, it = torch.topk(pt, k, dim=-1)
    gt = torch.gather(pt, -1, it)
    assert torch.equal(gt, top)
    if renormalize:
        gt = gt / gt.sum(dim=-1, keepdim=True)
    ((gt * torch.tensor(w_g)).sum() + (pt * torch.tensor(w_p)).sum()).backward()

    np.testing.assert_array_equal(idx.data, it.numpy())
    close(gates, gt, dtype)
    close(probs, pt, dtype)
    close(zo.grad, zt.grad, dtype)


def torch_load_balancing_loss(probs, idx, num_experts):
    mask = torch.nn.functional.one_hot(idx.reshape(-1), num_experts).to(probs.dtype)
    fraction = mask.mean(dim=0)                           # over the T·k assignments
    mean_prob = probs.reshape(-1, num_experts).mean(dim=0)
    return num_experts * (fraction * mean_prob).sum()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, k", [((12, 4), 1), ((12, 4), 2), ((3, 5, 8), 2), ((9, 3), 3)])
def test_load_balancing_loss_through_the_softmax(dtype, shape, k):
    rng = np.random.default_rng(k * 100 + shape[-1])
    z = rng.normal(size=shape).astype(dtype) * 1.5

    zo = Tensor(z, requires_grad=True)
    _, idx, probs = F.top_k_gating(zo, k)
    loss = F.load_balancing_loss(probs, idx)
    loss.backward()

    zt = torch.tensor(z, requires_grad=True)
    pt = torch.softmax(zt, dim=-1)
    it = torch.topk(pt, k, dim=-1).indices
    lt = torch_load_balancing_loss(pt, it, shape[-1])
    lt.backward()

    close(loss, lt, dtype)
    close(zo.grad, zt.grad, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("scale", [0.1, 3.0, 300.0])
@pytest.mark.parametrize("shape", [(6, 4), (2, 3, 5), (1, 1)])
def test_router_z_loss_matches_logsumexp(dtype, scale, shape):
    rng = np.random.default_rng(int(scale * 10) + len(shape))
    z = (rng.normal(size=shape) * scale).astype(dtype)
    zo = Tensor(z, requires_grad=True)
    loss = F.router_z_loss(zo)
    loss.backward()
    zt = torch.tensor(z, requires_grad=True)
    lt = torch.logsumexp(zt, dim=-1).square().mean()
    lt.backward()
    close(loss, lt, dtype)
    close(zo.grad, zt.grad, dtype)


# -- the whole layer -----------------------------------------------------------------------
class TorchMoE(torch.nn.Module):
    """The reference: same parameters and names, one expert at a time, a loop for the
    capacity queue (first choices before second choices, tokens in priority order)."""

    def __init__(self, d_model, num_experts, dim_feedforward, top_k, capacity_factor,
                 renormalize, priority, activation):
        super().__init__()
        act = {"relu": torch.nn.ReLU, "gelu": torch.nn.GELU}[activation]
        self.router = torch.nn.Linear(d_model, num_experts, bias=False)
        self.experts = torch.nn.ModuleList(
            torch.nn.Sequential(torch.nn.Linear(d_model, dim_feedforward), act(),
                                torch.nn.Linear(dim_feedforward, d_model))
            for _ in range(num_experts))
        self.E, self.k, self.cf = num_experts, top_k, capacity_factor
        self.renormalize, self.priority = renormalize, priority

    def forward(self, x):
        tokens = x.reshape(-1, x.shape[-1])
        T = tokens.shape[0]
        logits = self.router(tokens)
        probs = torch.softmax(logits, dim=-1)
        gates, idx = torch.topk(probs, self.k, dim=-1)
        if self.renormalize:
            gates = gates / gates.sum(dim=-1, keepdim=True)
        if self.cf is None:
            capacity = T * self.k
        else:
            capacity = math.ceil(round(self.cf * self.k * T / self.E, 9))
        if self.priority == "score":
            order = sorted(range(T), key=lambda t: (-probs[t, idx[t, 0]].item(), t))
        else:
            order = range(T)
        kept = torch.zeros(T, self.k, dtype=torch.bool)
        load = [0] * self.E
        for r in range(self.k):
            for t in order:
                e = int(idx[t, r])
                if load[e] < capacity:
                    kept[t, r] = True
                load[e] += 1
        out = torch.zeros_like(tokens)
        for e, expert in enumerate(self.experts):
            rows, ranks = torch.nonzero((idx == e) & kept, as_tuple=True)
            if rows.numel():
                y = expert(tokens.index_select(0, rows)) * gates[rows, ranks].unsqueeze(-1)
                out = out.index_add(0, rows, y)
        lb = torch_load_balancing_loss(probs, idx, self.E)
        z = torch.logsumexp(logits, dim=-1).square().mean()
        return out.reshape(x.shape), lb, z, kept


CONFIGS = [
    dict(top_k=1, capacity_factor=None),
    dict(top_k=2, capacity_factor=None),
    dict(top_k=1, capacity_factor=1.0),
    dict(top_k=1, capacity_factor=1.25, priority="score"),
    dict(top_k=2, capacity_factor=0.5, renormalize=True),
    dict(top_k=2, capacity_factor=1.0, renormalize=True, priority="score"),
    dict(top_k=3, capacity_factor=0.75, activation="gelu"),
    dict(top_k=4, capacity_factor=None, activation="gelu", renormalize=True),
]


def _config_id(config):
    return "-".join(f"{k}={v}" for k, v in config.items())


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("config", CONFIGS, ids=_config_id)
@pytest.mark.parametrize("shape", [(13, 6), (2, 5, 6)])
def test_layer_matches_a_torch_reference(dtype, config, shape):
    options = dict(renormalize=False, priority="position", activation="relu") | config
    torch.manual_seed(len(shape) * 10 + config["top_k"])
    theirs = TorchMoE(6, 4, 10, **options).to(TDT[dtype])
    ours = nn.MixtureOfExperts(6, 4, 10, load_balancing_coef=0.01, router_z_loss_coef=0.001,
                               dtype=dtype, **options)
    ours.load_state_dict(theirs.state_dict())
    assert list(ours.state_dict()) == list(theirs.state_dict())

    rng = np.random.default_rng(7)
    x = rng.normal(size=shape).astype(dtype)
    w = rng.normal(size=shape).astype(dtype)
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)

    yo = ours(xo)
    yt, lb, z, kept = theirs(xt)
    np.testing.assert_array_equal(ours.routing.kept, kept.numpy())
    if config["capacity_factor"] is not None and config["capacity_factor"] < 1:
        assert not kept.all()  # the case really drops tokens
    close(yo, yt, dtype)
    close(ours.load_balancing_loss, lb, dtype)
    close(ours.router_z_loss, z, dtype)

    ((yo * Tensor(w)).sum() + ours.aux_loss).backward()
    ((yt * torch.tensor(w)).sum() + 0.01 * lb + 0.001 * z).backward()
    close(xo.grad, xt.grad, dtype)
    theirs_params = dict(theirs.named_parameters())
    for name, p in ours.named_parameters():
        q = theirs_params[name]
        if q.grad is None:  # an expert that received no token
            assert p.grad is None or not p.grad.data.any()
        else:
            close(p.grad, q.grad, dtype)


# -- finite differences -------------------------------------------------------------------
@pytest.mark.parametrize("renormalize", [False, True])
@pytest.mark.parametrize("k", [1, 2])
def test_gating_and_losses_gradcheck(k, renormalize):
    z = Tensor(np.random.default_rng(k).normal(size=(5, 4)), requires_grad=True)

    def fn(z):
        gates, idx, probs = F.top_k_gating(z, k, renormalize=renormalize)
        return gates, F.load_balancing_loss(probs, idx), F.router_z_loss(z)

    assert gradcheck(fn, [z])


@pytest.mark.parametrize("config", [dict(top_k=2, capacity_factor=None),
                                    dict(top_k=2, capacity_factor=0.75, renormalize=True),
                                    dict(top_k=1, capacity_factor=1.0, activation="gelu")],
                         ids=_config_id)
def test_layer_gradcheck(config):
    moe = nn.MixtureOfExperts(3, 3, 4, router_z_loss_coef=0.1, dtype=np.float64,
                              generator=np.random.default_rng(1), **config)
    x = Tensor(np.random.default_rng(2).normal(size=(5, 3)), requires_grad=True)
    params = list(moe.parameters())

    def fn(x, *_):
        return moe(x), moe.aux_loss

    # Routing is piecewise constant in the inputs: at these points no perturbation of
    # 1e-6 changes an expert choice or a queue, so the layer is smooth there.
    assert gradcheck(fn, [x, *params])
