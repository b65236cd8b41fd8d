"""Neural networks: ours (NumPy autograd) vs PyTorch CPU, both on one thread.

Cases: LSTM, GRU and RNN (32→64, tanh) over 100 steps with batch 32, forward+backward; Linear+ReLU
forward+backward; one epoch of an MLP (64→128→64→10) on scikit-learn's digits with batch
32 and SGD (momentum) or Adam; one Adam step over 1e6 parameters. Both libraries start
from the same weights and see the same batches in float32. Run:
``python benchmarks/bench_nn.py`` (or ``benchmarks/run.py nn``).
"""

from __future__ import annotations

import numpy as np
import torch
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

from _harness import main
from mlinterview.ml import nn, optim
from mlinterview.ml.autograd import Tensor

TITLE = "Neural networks, float32, one thread"
REFERENCE = "PyTorch"

torch.set_num_threads(1)
# NumPy may have been imported before mlinterview could default OpenBLAS to one thread
# (run.py, or this file run directly): limit it here so both libraries use one thread.
threadpool_limits(1)


def _recurrent_case(kind: str):
    """``kind`` (LSTM, GRU or RNN) over T steps, output summed, forward + backward."""
    T, B, I, H = 100, 32, 32, 64
    rng = np.random.default_rng(0)
    x = rng.normal(size=(T, B, I)).astype(np.float32)
    ours = getattr(nn, kind)(I, H, generator=np.random.default_rng(1))
    ref = getattr(torch.nn, kind)(I, H)
    with torch.no_grad():
        for name, p in ref.named_parameters():
            p.copy_(torch.from_numpy(getattr(ours, name).data))
    xt = torch.from_numpy(x)

    def run_ours():
        xo = Tensor(x, requires_grad=True)
        out, _ = ours(xo)
        out.sum().backward()

    def run_ref():
        xr = xt.clone().requires_grad_(True)
        out, _ = ref(xr)
        out.sum().backward()

    return f"{kind}({I}→{H}) fwd+bwd", f"T={T}, B={B}", run_ours, run_ref


def _linear_case():
    B, I, O = 256, 512, 512
    rng = np.random.default_rng(0)
    x = rng.normal(size=(B, I)).astype(np.float32)
    ours = nn.Linear(I, O, generator=np.random.default_rng(1))
    ref = torch.nn.Linear(I, O)
    with torch.no_grad():
        ref.weight.copy_(torch.from_numpy(ours.weight.data))
        ref.bias.copy_(torch.from_numpy(ours.bias.data))
    relu = nn.ReLU()
    xt = torch.from_numpy(x)

    def run_ours():
        xo = Tensor(x, requires_grad=True)
        relu(ours(xo)).sum().backward()

    def run_ref():
        xr = xt.clone().requires_grad_(True)
        torch.relu(ref(xr)).sum().backward()

    return "Linear+ReLU fwd+bwd", f"({B}, {I}) → {O}", run_ours, run_ref


def _mlp_pair():
    ours = nn.Sequential(nn.Linear(64, 128, generator=np.random.default_rng(1)), nn.ReLU(),
                         nn.Linear(128, 64, generator=np.random.default_rng(2)), nn.ReLU(),
                         nn.Linear(64, 10, generator=np.random.default_rng(3)))
    ref = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(),
                              torch.nn.Linear(128, 64), torch.nn.ReLU(),
                              torch.nn.Linear(64, 10))
    ref.load_state_dict({k: torch.from_numpy(np.array(v))
                         for k, v in ours.state_dict().items()})
    return ours, ref


def _mlp_cases():
    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype(np.float32)
    y = y.astype(np.int64)
    order = np.random.default_rng(0).permutation(len(X))
    batches = [(X[order[i:i + 32]], y[order[i:i + 32]]) for i in range(0, len(X), 32)]
    t_batches = [(torch.from_numpy(a), torch.from_numpy(b)) for a, b in batches]
    for opt_name in ("SGD", "Adam"):
        ours, ref = _mlp_pair()
        if opt_name == "SGD":
            o_opt = optim.SGD(ours.parameters(), lr=0.05, momentum=0.9)
            r_opt = torch.optim.SGD(ref.parameters(), lr=0.05, momentum=0.9)
        else:
            o_opt = optim.Adam(ours.parameters(), lr=1e-3)
            r_opt = torch.optim.Adam(ref.parameters(), lr=1e-3)
        o_loss, r_loss = nn.CrossEntropyLoss(), torch.nn.CrossEntropyLoss()

        def run_ours(model=ours, opt=o_opt, loss_fn=o_loss):
            for xb, yb in batches:
                opt.zero_grad()
                loss_fn(model(Tensor(xb)), Tensor(yb)).backward()
                opt.step()

        def run_ref(model=ref, opt=r_opt, loss_fn=r_loss):
            for xb, yb in t_batches:
                opt.zero_grad()
                loss_fn(model(xb), yb).backward()
                opt.step()

        yield (f"MLP epoch on digits, {opt_name}", f"{len(X)} samples, batch 32",
               run_ours, run_ref)


def _adam_case():
    n = 1_000_000
    rng = np.random.default_rng(0)
    w = rng.normal(size=n).astype(np.float32)
    g = rng.normal(size=n).astype(np.float32)
    p_ours = Tensor(w.copy(), requires_grad=True)
    p_ours.grad = Tensor(g.copy())
    o_opt = optim.Adam([p_ours], lr=1e-3)
    p_ref = torch.nn.Parameter(torch.from_numpy(w.copy()))
    p_ref.grad = torch.from_numpy(g.copy())
    r_opt = torch.optim.Adam([p_ref], lr=1e-3)
    return "Adam step", f"{n:.0e} parameters", o_opt.step, r_opt.step


def cases():
    for kind in ("LSTM", "GRU", "RNN"):
        yield _recurrent_case(kind)
    yield _linear_case()
    yield from _mlp_cases()
    yield _adam_case()


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
