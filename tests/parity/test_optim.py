"""Optimisers and schedulers against PyTorch 2.13: 200 steps on the same parameters with
the same gradient rule give the same trajectory (rtol 1e-6, float64; atol 1e-10)."""

import math

import numpy as np
import pytest
import torch

from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import Parameter

rng = np.random.default_rng(0)
A = rng.normal(size=(6, 6))
A = A @ A.T / 6 + np.eye(6) * 0.1  # an ill-conditioned-ish quadratic
B = rng.normal(size=6)


def gradient(theta: np.ndarray) -> np.ndarray:
    """A deterministic gradient field: quadratic plus a wiggle, so the path is non-trivial."""
    return A @ theta + B + 0.5 * np.sin(3 * theta)


def trajectories(make_ours, make_theirs, steps=200, shapes=((6,),), seed=1):
    init_rng = np.random.default_rng(seed)
    init = [init_rng.normal(size=s) for s in shapes]
    ours = [Parameter(x.copy()) for x in init]
    theirs = [torch.nn.Parameter(torch.tensor(x.copy())) for x in init]
    opt_o, opt_t = make_ours(ours), make_theirs(theirs)
    for _ in range(steps):
        for p, q in zip(ours, theirs, strict=True):
            g = gradient(p.data.ravel()[:6]) if p.data.size >= 6 else np.cos(p.data)
            g = np.resize(g, p.shape)
            p.grad = Tensor(g.copy())
            gq = gradient(q.detach().numpy().ravel()[:6]) if q.numel() >= 6 \
                else np.cos(q.detach().numpy())
            q.grad = torch.tensor(np.resize(gq, q.shape))
        opt_o.step()
        opt_t.step()
    for p, q in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(p.data, q.detach().numpy(), rtol=1e-6, atol=1e-10)
    return opt_o, opt_t


CASES = [
    ("sgd", {"lr": 0.05}),
    ("sgd", {"lr": 0.02, "momentum": 0.9}),
    ("sgd", {"lr": 0.02, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.02, "momentum": 0.8, "nesterov": True}),
    ("sgd", {"lr": 0.02, "maximize": True}),
    ("adagrad", {"lr": 0.1}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1,
                 "initial_accumulator_value": 0.5}),
    ("rmsprop", {"lr": 0.01}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.9}),
    # Centred RMSprop divides by the gradient's standard deviation, which shrinks as the
    # iterates settle; small steps keep that near-chaotic phase from amplifying rounding.
    ("rmsprop", {"lr": 0.002, "centered": True, "weight_decay": 0.05, "alpha": 0.9}),
    ("rmsprop", {"lr": 0.005, "centered": True, "momentum": 0.5}),
    ("adam", {"lr": 0.01}),
    ("adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("adam", {"lr": 0.01, "amsgrad": True}),
    ("adam", {"lr": 0.01, "maximize": True}),
    ("adamw", {"lr": 0.01}),
    ("adamw", {"lr": 0.01, "weight_decay": 0.3, "amsgrad": True}),
]
OURS = {"sgd": optim.SGD, "adagrad": optim.Adagrad, "rmsprop": optim.RMSprop,
        "adam": optim.Adam, "adamw": optim.AdamW}
THEIRS = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad,
          "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}


@pytest.mark.parametrize("name, options", CASES, ids=[f"{n}-{o}" for n, o in CASES])
def test_200_steps_match_pytorch(name, options):
    trajectories(lambda ps: OURS[name](ps, **options),
                 lambda ps: THEIRS[name](ps, **options, foreach=False),
                 shapes=((6,), (2, 3), (4,), ()))  # () : a 0-d parameter (a scalar)


def test_param_groups_with_their_own_options():
    def ours(ps):
        return optim.SGD([{"params": ps[:1]}, {"params": ps[1:], "lr": 0.001}],
                         lr=0.05, momentum=0.9)

    def theirs(ps):
        return torch.optim.SGD([{"params": ps[:1]}, {"params": ps[1:], "lr": 0.001}],
                               lr=0.05, momentum=0.9)

    opt, ref = trajectories(ours, theirs, shapes=((6,), (6,)))
    assert [g["lr"] for g in opt.param_groups] == [g["lr"] for g in ref.param_groups]


def test_state_dict_round_trip_continues_the_same_trajectory():
    init = np.random.default_rng(2).normal(size=6)
    a, b = Parameter(init.copy()), Parameter(init.copy())
    opt_a = optim.Adam([a], lr=0.01, amsgrad=True)
    for _ in range(10):
        a.grad = Tensor(gradient(a.data))
        opt_a.step()
    b.data = a.data.copy()
    opt_b = optim.Adam([b], lr=0.5)
    opt_b.load_state_dict(opt_a.state_dict())
    assert opt_b.param_groups[0]["lr"] == 0.01
    for _ in range(10):
        for p, o in ((a, opt_a), (b, opt_b)):
            p.grad = Tensor(gradient(p.data))
            o.step()
    np.testing.assert_array_equal(a.data, b.data)


SCHEDULERS = [
    (lambda o: optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5),
     lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5)),
    (lambda o: optim.lr_scheduler.CosineAnnealingLR(o, T_max=25, eta_min=0.001),
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=25, eta_min=0.001)),
    (lambda o: optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (1 + 0.1 * e)),
     lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (1 + 0.1 * e))),
]


@pytest.mark.parametrize("make_ours, make_theirs", SCHEDULERS, ids=["step", "cosine", "lambda"])
def test_schedulers_give_the_same_lr_sequence(make_ours, make_theirs):
    p, q = Parameter(np.zeros(2)), torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    opt_o = optim.SGD([p], lr=0.1)
    opt_t = torch.optim.SGD([q], lr=0.1)
    sched_o, sched_t = make_ours(opt_o), make_theirs(opt_t)
    for _ in range(60):  # past T_max: the cosine comes back up
        p.grad, q.grad = Tensor(np.ones(2)), torch.ones(2, dtype=torch.float64)
        opt_o.step()
        opt_t.step()
        sched_o.step()
        sched_t.step()
        assert math.isclose(sched_o.get_last_lr()[0], sched_t.get_last_lr()[0], rel_tol=1e-9,
                            abs_tol=1e-12)


@pytest.mark.parametrize("options", [{}, {"mode": "max", "patience": 2, "cooldown": 3},
                                     {"threshold_mode": "abs", "threshold": 0.05,
                                      "factor": 0.5, "min_lr": 0.02, "patience": 1}])
def test_reduce_on_plateau(options):
    p, q = Parameter(np.zeros(2)), torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    opt_o, opt_t = optim.SGD([p], lr=0.1), torch.optim.SGD([q], lr=0.1)
    ours = optim.lr_scheduler.ReduceLROnPlateau(opt_o, **options)
    theirs = torch.optim.lr_scheduler.ReduceLROnPlateau(opt_t, **options)
    metrics = np.concatenate([np.linspace(1, 0.5, 10), np.full(30, 0.5),
                              0.5 + 0.01 * np.sin(np.arange(30))])
    for m in metrics:
        ours.step(m)
        theirs.step(m)
        assert ours.get_last_lr() == pytest.approx(theirs.get_last_lr(), rel=1e-12)


def test_bad_options_are_named():
    p = Parameter(np.zeros(2))
    with pytest.raises(ValueError, match="Invalid learning rate"):
        optim.SGD([p], lr=-1)
    with pytest.raises(ValueError, match="Nesterov"):
        optim.SGD([p], lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="Invalid beta"):
        optim.Adam([p], betas=(1.0, 0.9))
    with pytest.raises(ValueError, match="empty parameter list"):
        optim.Adam([])
    with pytest.raises(ValueError, match="more than one parameter group"):
        optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)
