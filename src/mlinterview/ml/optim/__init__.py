"""Optimisers and learning-rate schedules with PyTorch's names, options and update rules.

    >>> opt = optim.Adam(model.parameters(), lr=1e-3)
    >>> opt.zero_grad(); loss.backward(); opt.step()
"""

from mlinterview.ml.optim import lr_scheduler
from mlinterview.ml.optim.adaptive import Adagrad, Adam, AdamW, RMSprop
from mlinterview.ml.optim.optimizer import Optimizer
from mlinterview.ml.optim.sgd import SGD

__all__ = ["SGD", "Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "lr_scheduler"]
