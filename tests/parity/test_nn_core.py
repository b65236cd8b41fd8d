"""nn core against PyTorch 2.13: Linear, activations, losses, BatchNorm, LayerNorm, Module.

Weights are copied from a torch module with ``load_state_dict``; forward outputs, input
gradients and parameter gradients must agree within rtol 1e-5 (float64) / 1e-4 (float32)
(atol 1e-6 / 1e-5 for entries near zero).
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

TOL = {np.float64: (1e-5, 1e-6), np.float32: (1e-4, 1e-5)}
DTYPES = [np.float64, np.float32]
TORCH_DTYPE = {np.float64: torch.float64, np.float32: torch.float32}
rng = np.random.default_rng(0)


def close(ours, theirs, dtype):
    rtol, atol = TOL[dtype]
    ours = ours.data if isinstance(ours, Tensor) else ours
    np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=rtol, atol=atol)


def compare_modules(ours, theirs, x, dtype, target=None):
    """Same weights, same input: same output, same input and parameter gradients."""
    theirs = theirs.to(TORCH_DTYPE[dtype])
    ours.to(dtype).load_state_dict(theirs.state_dict())
    xo = Tensor(x.astype(dtype), requires_grad=True)
    xt = torch.tensor(x.astype(dtype), requires_grad=True)
    out, ref = ours(xo), theirs(xt)
    close(out, ref, dtype)
    g = rng.normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype)
    for (name, p), (tname, tp) in zip(ours.named_parameters(), theirs.named_parameters(),
                                      strict=True):
        assert name == tname
        close(p.grad, tp.grad, dtype)
    for (name, b), (tname, tb) in zip(ours.named_buffers(), theirs.named_buffers(),
                                      strict=True):
        assert name == tname
        close(b, tb, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, bias", [((5, 4), True), ((1, 4), True), ((2, 3, 4), False)])
def test_linear(shape, bias, dtype):
    compare_modules(nn.Linear(4, 3, bias=bias), torch.nn.Linear(4, 3, bias=bias),
                    rng.normal(size=shape), dtype)


def test_linear_default_init_matches_pytorch_bounds():
    w = nn.Linear(400, 300, generator=np.random.default_rng(0)).weight.data
    bound = 1 / np.sqrt(400)  # kaiming_uniform(a=√5) == U(-1/√fan_in, 1/√fan_in)
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.99 * bound
    assert w.std() == pytest.approx(bound / np.sqrt(3), rel=0.02)


def test_mlp_state_dict_keys_and_shapes_match_pytorch():
    ours = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.1), nn.Linear(8, 2),
                         nn.BatchNorm1d(2))
    theirs = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Dropout(0.1),
                                 torch.nn.Linear(8, 2), torch.nn.BatchNorm1d(2))
    ours_sd, theirs_sd = ours.state_dict(), theirs.state_dict()
    assert list(ours_sd) == list(theirs_sd)
    for k in ours_sd:
        assert ours_sd[k].shape == tuple(theirs_sd[k].shape), k


ACTIVATIONS = [
    (nn.ReLU(), torch.nn.ReLU()),
    (nn.LeakyReLU(0.2), torch.nn.LeakyReLU(0.2)),
    (nn.ELU(0.7), torch.nn.ELU(0.7)),
    (nn.GELU(), torch.nn.GELU()),
    (nn.GELU("tanh"), torch.nn.GELU("tanh")),
    (nn.SiLU(), torch.nn.SiLU()),
    (nn.Sigmoid(), torch.nn.Sigmoid()),
    (nn.Tanh(), torch.nn.Tanh()),
    (nn.Softplus(), torch.nn.Softplus()),
    (nn.Softplus(beta=2.0, threshold=5.0), torch.nn.Softplus(beta=2.0, threshold=5.0)),
    (nn.LogSigmoid(), torch.nn.LogSigmoid()),
    (nn.Hardtanh(-0.5, 0.5), torch.nn.Hardtanh(-0.5, 0.5)),
    (nn.Softmax(dim=1), torch.nn.Softmax(dim=1)),
    (nn.LogSoftmax(dim=-1), torch.nn.LogSoftmax(dim=-1)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("ours, theirs", ACTIVATIONS, ids=lambda m: repr(m))
def test_activations(ours, theirs, dtype):
    x = rng.normal(scale=4.0, size=(6, 5))
    x[0, :3] = [0.0, 60.0, -60.0]  # the kink and the saturated tails
    compare_modules(ours, theirs, x, dtype)


def test_log_softmax_is_finite_where_the_naive_formula_is_not():
    x = Tensor(np.array([[1000.0, 0.0, -1000.0]]))
    assert np.isfinite(F.log_softmax(x, 1).data).all()
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        naive = np.log(np.exp(x.data) / np.exp(x.data).sum())
    assert not np.isfinite(naive).all()


def _loss_case(name):
    n, c = 6, 4
    logits = rng.normal(scale=2.0, size=(n, c))
    labels = rng.integers(0, c, n)
    probs = rng.uniform(0.01, 0.99, (n, c))
    binary = (rng.random((n, c)) > 0.5).astype(float)
    return {"logits": logits, "labels": labels, "probs": probs, "binary": binary}[name]


LOSSES = [
    ("mse", "probs", "binary", nn.MSELoss(), torch.nn.MSELoss()),
    ("mse sum", "probs", "binary", nn.MSELoss(reduction="sum"),
     torch.nn.MSELoss(reduction="sum")),
    ("l1 none", "probs", "binary", nn.L1Loss(reduction="none"),
     torch.nn.L1Loss(reduction="none")),
    ("ce", "logits", "labels", nn.CrossEntropyLoss(), torch.nn.CrossEntropyLoss()),
    ("ce weighted", "logits", "labels", nn.CrossEntropyLoss(weight=np.array([1, 2, 0.5, 3.0])),
     torch.nn.CrossEntropyLoss(weight=torch.tensor([1, 2, 0.5, 3.0], dtype=torch.float64))),
    ("ce smoothing", "logits", "labels", nn.CrossEntropyLoss(label_smoothing=0.2),
     torch.nn.CrossEntropyLoss(label_smoothing=0.2)),
    ("ce weighted smoothing", "logits", "labels",
     nn.CrossEntropyLoss(weight=np.array([1, 2, 0.5, 3.0]), label_smoothing=0.1),
     torch.nn.CrossEntropyLoss(weight=torch.tensor([1, 2, 0.5, 3.0], dtype=torch.float64),
                               label_smoothing=0.1)),
    ("ce none smoothing", "logits", "labels",
     nn.CrossEntropyLoss(reduction="none", label_smoothing=0.1),
     torch.nn.CrossEntropyLoss(reduction="none", label_smoothing=0.1)),
    ("ce sum", "logits", "labels", nn.CrossEntropyLoss(reduction="sum"),
     torch.nn.CrossEntropyLoss(reduction="sum")),
    ("ce soft targets", "logits", "probs", nn.CrossEntropyLoss(label_smoothing=0.1),
     torch.nn.CrossEntropyLoss(label_smoothing=0.1)),
    ("bce", "probs", "binary", nn.BCELoss(), torch.nn.BCELoss()),
    ("bce logits", "logits", "binary", nn.BCEWithLogitsLoss(), torch.nn.BCEWithLogitsLoss()),
    ("bce logits pos_weight", "logits", "binary",
     nn.BCEWithLogitsLoss(pos_weight=np.array([1.0, 3.0, 0.5, 2.0])),
     torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 3.0, 0.5, 2.0],
                                                        dtype=torch.float64))),
]


@pytest.mark.parametrize("name, inp, tgt, ours, theirs", LOSSES, ids=[x[0] for x in LOSSES])
def test_losses(name, inp, tgt, ours, theirs):
    x, t = _loss_case(inp), _loss_case(tgt)
    if tgt == "probs":
        t = t / t.sum(1, keepdims=True)
    xo = Tensor(x, requires_grad=True)
    xt = torch.tensor(x, requires_grad=True)
    out = ours(xo, Tensor(t))
    ref = theirs(xt, torch.tensor(t))
    close(out, ref, np.float64)
    g = rng.normal(size=ref.shape)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, np.float64)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_ignore_index_and_spatial_inputs(reduction):
    x = rng.normal(size=(2, 3, 4, 5))  # (N, C, H, W): segmentation-style
    y = rng.integers(0, 3, (2, 4, 5))
    y[0, 0, :3] = -100
    w = np.array([0.5, 1.0, 2.0])
    xo, xt = Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    out = F.cross_entropy(xo, y, weight=w, reduction=reduction, label_smoothing=0.05)
    ref = TF.cross_entropy(xt, torch.tensor(y), weight=torch.tensor(w), reduction=reduction,
                           label_smoothing=0.05)
    close(out, ref, np.float64)
    g = rng.normal(size=ref.shape)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, np.float64)


def test_nll_loss_matches():
    logp = np.log(rng.dirichlet(np.ones(5), size=7))
    y = rng.integers(0, 5, 7)
    xo, xt = Tensor(logp, requires_grad=True), torch.tensor(logp, requires_grad=True)
    F.nll_loss(xo, y).backward()
    TF.nll_loss(xt, torch.tensor(y)).backward()
    close(xo.grad, xt.grad, np.float64)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("affine", [True, False])
def test_batchnorm2d_training_and_eval(affine, dtype):
    ours, theirs = nn.BatchNorm2d(3, affine=affine), torch.nn.BatchNorm2d(3, affine=affine)
    x = rng.normal(loc=2.0, scale=3.0, size=(4, 3, 5, 5))
    if affine:
        with torch.no_grad():
            theirs.weight.uniform_(0.5, 1.5)
            theirs.bias.uniform_(-1, 1)
    compare_modules(ours, theirs, x, dtype)  # training step: batch stats + running update
    compare_modules(ours, theirs, x * 0.5 + 1, dtype)  # a second update of running stats
    ours.eval()
    theirs.eval()
    compare_modules(ours, theirs, rng.normal(size=(2, 3, 5, 5)), dtype)


@pytest.mark.parametrize("shape", [(8, 4), (3, 4, 6)])
def test_batchnorm1d(shape):
    ours, theirs = nn.BatchNorm1d(4, momentum=None), torch.nn.BatchNorm1d(4, momentum=None)
    for _ in range(3):
        compare_modules(ours, theirs, rng.normal(size=shape), np.float64)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, normalized", [((4, 6), 6), ((2, 3, 4, 5), (4, 5)),
                                               ((1, 7), (7,))])
def test_layernorm(shape, normalized, dtype):
    theirs = torch.nn.LayerNorm(normalized)
    with torch.no_grad():
        theirs.weight.uniform_(0.5, 1.5)
        theirs.bias.uniform_(-1, 1)
    compare_modules(nn.LayerNorm(normalized), theirs, rng.normal(scale=2, size=shape), dtype)


def test_dropout_scales_and_is_identity_in_eval():
    drop = nn.Dropout(0.25, generator=np.random.default_rng(0))
    x = Tensor(np.ones((1000, 100)))
    out = drop(x).data
    kept = out != 0
    assert kept.mean() == pytest.approx(0.75, abs=0.01)
    np.testing.assert_allclose(out[kept], 1 / 0.75)
    drop.eval()
    np.testing.assert_array_equal(drop(x).data, x.data)


def test_embedding_matches_and_padding_row_gets_no_gradient():
    theirs = torch.nn.Embedding(6, 3, padding_idx=0).double()
    ours = nn.Embedding(6, 3, padding_idx=0).double()
    ours.load_state_dict(theirs.state_dict())
    idx = np.array([[1, 0, 5], [5, 5, 2]])
    out, ref = ours(Tensor(idx)), theirs(torch.tensor(idx))
    close(out, ref, np.float64)
    g = rng.normal(size=ref.shape)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(ours.weight.grad, theirs.weight.grad, np.float64)
    assert np.all(ours.weight.grad.data[0] == 0)


def test_errors_name_the_layer_and_shapes():
    with pytest.raises(ValueError, match=r"Linear\(4, 3\): input has 5 features"):
        nn.Linear(4, 3)(Tensor(np.ones((2, 5), np.float32)))
    with pytest.raises(ValueError, match=r"BatchNorm2d\(3\): input has 4 channels"):
        nn.BatchNorm2d(3)(Tensor(np.ones((2, 4, 3, 3), np.float32)))
    with pytest.raises(ValueError, match=r"size mismatch for 0\.weight"):
        nn.Sequential(nn.Linear(4, 3)).load_state_dict(
            {"0.weight": np.ones((3, 5)), "0.bias": np.ones(3)})
    with pytest.raises(KeyError, match="missing keys"):
        nn.Sequential(nn.Linear(4, 3)).load_state_dict({"0.weight": np.ones((3, 4))})
