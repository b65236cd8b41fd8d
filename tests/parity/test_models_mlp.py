"""DeepMLP's per-layer gradient norms equal PyTorch's for the same weights (rtol 1e-6,
float64), in every configuration the vanishing-gradients demo uses."""

import numpy as np
import pytest
import torch

from mlinterview.ml.models.mlp import DeepMLP, layer_gradient_norms

CONFIGS = [
    dict(activation="sigmoid", init="naive"),
    dict(activation="relu", init="he"),
    dict(activation="relu", init="large", norm="batch"),
    dict(activation="tanh", init="xavier", residual=True, norm="layer"),
    dict(activation="gelu", init="pytorch", residual=True),
]
ACT = {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh,
       "gelu": torch.nn.GELU}


class TorchBlock(torch.nn.Module):
    def __init__(self, width, activation, norm, residual):
        super().__init__()
        self.linear = torch.nn.Linear(width, width)
        self.norm = {"batch": lambda: torch.nn.BatchNorm1d(width),
                     "layer": lambda: torch.nn.LayerNorm(width),
                     "none": torch.nn.Identity}[norm]()
        self.act = ACT[activation]()
        self.residual = residual

    def forward(self, x):
        out = self.act(self.norm(self.linear(x)))
        return x + out if self.residual else out


class TorchMLP(torch.nn.Module):
    def __init__(self, width, depth, activation, norm, residual):
        super().__init__()
        self.inp = torch.nn.Linear(16, width)
        self.blocks = torch.nn.ModuleList(
            TorchBlock(width, activation, norm, residual) for _ in range(depth))
        self.out = torch.nn.Linear(width, 4)

    def forward(self, x):
        h = self.inp(x)
        for b in self.blocks:
            h = b(h)
        return self.out(h)


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: "-".join(map(str, c.values())))
def test_per_layer_gradient_norms_match_pytorch(cfg):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(32, 16)), rng.integers(0, 4, 32)
    ours = DeepMLP(16, 4, width=12, depth=8, generator=np.random.default_rng(1), **cfg).double()
    theirs = TorchMLP(12, 8, cfg["activation"], cfg.get("norm", "none"),
                      cfg.get("residual", False)).double()
    theirs.load_state_dict({k: torch.tensor(v) for k, v in ours.state_dict().items()})
    norms = layer_gradient_norms(ours, X, y)
    loss = torch.nn.functional.cross_entropy(theirs(torch.tensor(X)), torch.tensor(y))
    loss.backward()
    expected = np.array([b.linear.weight.grad.norm().item() for b in theirs.blocks])
    np.testing.assert_allclose(norms, expected, rtol=1e-6, atol=1e-300)


def test_bad_options_are_named():
    with pytest.raises(ValueError, match="activation must be one of"):
        DeepMLP(4, 2, activation="swishy")
    with pytest.raises(ValueError, match="init must be one of"):
        DeepMLP(4, 2, init="zeros")
