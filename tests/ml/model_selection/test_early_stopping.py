"""EarlyStopping on a real training loop of the autograd engine: it stops after
`patience` non-improving epochs and puts the best epoch's weights back."""

import numpy as np
import pytest

from mlinterview.ml import nn, optim
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.model_selection import EarlyStopping


def _val_loss(model, X, y):
    with no_grad():
        return float(np.mean((model(Tensor(X)).data[:, 0] - y) ** 2))


def test_restores_the_weights_of_the_best_epoch():
    rng = np.random.default_rng(0)
    X, Xv = rng.normal(size=(12, 8)), rng.normal(size=(200, 8))
    w = rng.normal(size=8)
    y = X @ w + rng.normal(size=12)          # 12 noisy points, 8 weights: it will overfit
    yv = Xv @ w
    model = nn.Sequential(nn.Linear(8, 32, dtype=np.float64, generator=rng), nn.Tanh(),
                          nn.Linear(32, 1, dtype=np.float64, generator=rng))
    opt = optim.Adam(model.parameters(), lr=0.02)
    stopper = EarlyStopping(patience=15)
    seen = []
    for _ in range(3000):
        opt.zero_grad()
        nn.functional.mse_loss(model(Tensor(X)), Tensor(y[:, None])).backward()
        opt.step()
        seen.append(_val_loss(model, Xv, yv))
        if stopper.step(seen[-1], model):
            break
    epoch = len(seen) - 1
    assert stopper.stopped_epoch == epoch < 2999
    assert stopper.best_epoch == int(np.argmin(seen))
    assert epoch - stopper.best_epoch == 15
    # The model now holds the best epoch's weights: its validation loss is the minimum.
    assert _val_loss(model, Xv, yv) == pytest.approx(min(seen), rel=1e-12)
    assert stopper.history == seen


def test_min_delta_and_mode_max():
    s = EarlyStopping(patience=2, min_delta=0.05, mode="max")
    assert [s.step(v) for v in (0.50, 0.54, 0.60, 0.62, 0.64)] == [False, False, False,
                                                                    False, True]
    assert s.best_score == 0.60 and s.best_epoch == 2
    with pytest.raises(ValueError, match="model"):
        s.restore(object())                   # no model was given, nothing saved
    with pytest.raises(ValueError, match="score"):
        EarlyStopping().step(float("nan"))
    with pytest.raises(ValueError, match="mode"):
        EarlyStopping(mode="up")
