"""Demo for cnn-architectures: small CNNs trained on scikit-learn's 8x8 digits."""

from __future__ import annotations

import time

import numpy as np

from mlinterview.datasets import load_digits
from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn, optim
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.models.cnn import LeNet5, SmallResNet, TinyCNN
from mlinterview.ml.nn.shapes import count_parameters


def digits_split(seed: int, test_size: int = 450):
    """Digits as (N, 1, 8, 8) float32 in [0, 1]; a fixed random train/test split."""
    X, y = load_digits()
    X = (X / 16.0).astype(np.float32).reshape(-1, 1, 8, 8)
    order = np.random.default_rng(seed).permutation(len(y))
    test, train = order[:test_size], order[test_size:]
    return X[train], y[train], X[test], y[test]


def mlp(generator) -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 128, generator=generator), nn.ReLU(),
                         nn.Linear(128, 10, generator=generator))


MODELS = {
    "TinyCNN": lambda g: TinyCNN(generator=g),
    "LeNet-5 (3x3 kernels)": lambda g: LeNet5(image_size=8, generator=g),
    "SmallResNet": lambda g: SmallResNet(generator=g),
    "MLP (no convolutions)": mlp,
}


def train(model: nn.Module, data, epochs: int, lr: float, seed: int) -> tuple[list, float]:
    """Adam on mini-batches of 64; returns the test accuracy after each epoch and the
    training time in seconds."""
    X, y, Xt, yt = data
    opt = optim.Adam(model.parameters(), lr=lr)
    rng = np.random.default_rng(seed)
    history = []
    start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        order = rng.permutation(len(y))
        for i in range(0, len(order), 64):
            batch = order[i:i + 64]
            opt.zero_grad()
            nn.functional.cross_entropy(model(Tensor(X[batch])), y[batch]).backward()
            opt.step()
        model.eval()
        with no_grad():
            history.append(float((model(Tensor(Xt)).data.argmax(1) == yt).mean()))
    return history, time.perf_counter() - start


@demo("cnn-architectures", title="Small CNNs on the 8x8 digits")
def digits_cnns(
    epochs: Param(int, lo=1, hi=30, help="Passes over the 1347 training images.") = 10,
    lr: Param(float, lo=1e-4, hi=0.1, help="Adam learning rate.") = 3e-3,
    models: Param(str, choices=("TinyCNN", "all", "fast"),
                  help="TinyCNN alone, all four models, or the two fastest.") = "TinyCNN",
    seed: int = 0,
) -> DemoResult:
    """Trains a tiny CNN, LeNet-5, a small ResNet and an MLP the same way (Adam, batches of
    64) on scikit-learn's digits, and reports parameters and test accuracy per epoch."""
    data = digits_split(seed)
    names = {"all": list(MODELS), "TinyCNN": ["TinyCNN"],
             "fast": ["LeNet-5 (3x3 kernels)", "MLP (no convolutions)"]}[models]
    table = Table(["model", "parameters", "test accuracy", "best epoch"])
    fig, ax = new_figure(width=6.4)
    results, seconds = {}, {}
    for name in names:
        model = MODELS[name](np.random.default_rng(seed))
        history, seconds[name] = train(model, data, epochs, lr, seed)
        results[name] = history
        ax.plot(range(1, epochs + 1), history, marker=".", label=name)
        table.add(name, count_parameters(model), round(history[-1], 4),
                  int(np.argmax(history)) + 1)
    ax.set(xlabel="epoch", ylabel="test accuracy", title="Digits (450 held-out images)",
           ylim=(max(0.0, min(min(h) for h in results.values()) - 0.02), 1.0))
    ax.legend(loc="lower right")
    best = max(results, key=lambda k: results[k][-1])
    summary = (
        f"{best} reaches {results[best][-1]:.1%} test accuracy after {epochs} epochs "
        f"({seconds[best]:.1f} s of training on this machine). "
        f"Convolutions share a small kernel across positions, so a CNN learns stroke "
        f"detectors once and uses them everywhere; the MLP must learn each position "
        f"separately. The residual network adds batch norm and skip connections, which matter "
        f"much more for deep networks than for these 8x8 images.")
    return DemoResult(figures={"accuracy": fig}, table=table, summary=summary)
