"""Early stopping for training loops: stop when the validation metric stops improving,
and go back to the weights of the best epoch.

    >>> stopper = EarlyStopping(patience=10, min_delta=1e-4)
    >>> for epoch in range(1000):
    ...     train_one_epoch(model, optimizer)
    ...     if stopper.step(validation_loss(model), model):
    ...         break                      # the best weights are already back in model
    >>> stopper.best_epoch, stopper.best_score

Works with any object that has ``state_dict()`` / ``load_state_dict()``
(:class:`mlinterview.ml.nn.Module`, a PyTorch module). Stopping early limits how far the
weights travel from their small initial values, which acts like an L2 penalty whose
strength falls as training goes on.
"""

from __future__ import annotations

import copy
import numbers

import numpy as np

from mlinterview.ml._validation import check_option, check_scalar


class EarlyStopping:
    """Count epochs without improvement; signal a stop after ``patience`` of them.

    Parameters
    ----------
    patience : epochs without improvement tolerated before stopping (>= 1)
    min_delta : an epoch improves only if it beats the best by more than this
    mode : ``"min"`` (a loss) or ``"max"`` (an accuracy)
    restore_best_weights : when stopping, load the best epoch's state into the model

    Attributes
    ----------
    best_score, best_epoch (0-based), wait (epochs since the best), stopped_epoch (or
    None), history (every score seen), best_state (the saved state dict).
    """

    def __init__(self, patience: int = 5, min_delta: float = 0.0, mode: str = "min",
                 restore_best_weights: bool = True):
        check_scalar(patience, "patience", numbers.Integral, lo=1)
        check_scalar(min_delta, "min_delta", numbers.Real, lo=0.0)
        check_option(mode, "mode", ("min", "max"))
        self.patience = int(patience)
        self.min_delta = float(min_delta)
        self.mode = mode
        self.restore_best_weights = bool(restore_best_weights)
        self.reset()

    def reset(self) -> None:
        """Forget every epoch seen (to reuse the object for a new run)."""
        self.best_score = np.inf if self.mode == "min" else -np.inf
        self.best_epoch = -1
        self.wait = 0
        self.stopped_epoch = None
        self.history: list[float] = []
        self.best_state = None

    def _improved(self, score: float) -> bool:
        if self.mode == "min":
            return score < self.best_score - self.min_delta
        return score > self.best_score + self.min_delta

    def step(self, score: float, model=None) -> bool:
        """Record one epoch's validation ``score``; True when training should stop.

        On an improvement the model's ``state_dict()`` is saved; on the stop, with
        ``restore_best_weights``, it is loaded back.
        """
        score = float(score)
        if np.isnan(score):
            raise ValueError("score: expected a number, got NaN (did training diverge?)")
        epoch = len(self.history)
        self.history.append(score)
        if self._improved(score):
            self.best_score, self.best_epoch, self.wait = score, epoch, 0
            if model is not None:
                self.best_state = copy.deepcopy(model.state_dict())
            return False
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            if self.restore_best_weights and model is not None:
                self.restore(model)
            return True
        return False

    def restore(self, model) -> None:
        """Load the best epoch's saved state into ``model``."""
        if self.best_state is None:
            raise ValueError("model: no state was saved; pass the model to step()")
        model.load_state_dict(self.best_state)

    def __repr__(self) -> str:
        return (f"EarlyStopping(patience={self.patience}, min_delta={self.min_delta}, "
                f"mode={self.mode!r}, restore_best_weights={self.restore_best_weights})")
