"""Softmax cross-entropy of logits against class indices as one autograd operation.

``F.cross_entropy`` takes this path for the common case (2-D logits, integer targets, no
class weights, no label smoothing, mean or sum): the general path builds log_softmax,
an index, a negation, a weighting and a reduction, five graph nodes. Fused:

    forward:   loss_i = log Σ_c e^(x_ic) − x_(i, y_i)      (with the row max subtracted
               first, so no exp overflows), then the mean (or sum) over the rows
    backward:  dL/dx_ic = (softmax(x_i)_c − [c = y_i]) · g / N   (· g for the sum)

the classic "probabilities minus one-hot" gradient.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Function


class SoftmaxCrossEntropy(Function):
    """logits (N, C), classes (N,) integers in [0, C) -> mean (or sum) of the losses."""

    def forward(self, logits, classes, reduction="mean"):
        n = logits.shape[0]
        rows = np.arange(n)
        with np.errstate(invalid="ignore"):  # inf logits give NaN (inf - inf), as in PyTorch
            shifted = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(shifted)
            total = probs.sum(axis=1)
            losses = np.log(total) - shifted[rows, classes]
        probs /= total[:, None]
        self.probs, self.rows, self.classes = probs, rows, classes
        self.scale = 1.0 / n if reduction == "mean" else 1.0
        return np.asarray(losses.sum() * self.scale, dtype=logits.dtype)

    def backward(self, g):
        grad = self.probs.copy()
        grad[self.rows, self.classes] -= 1
        grad *= g * self.scale
        return grad, None
