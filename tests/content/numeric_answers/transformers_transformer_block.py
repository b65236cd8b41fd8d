"""The numeric quick-check answers of the transformer-block card, recomputed by the library.

``ANSWERS["slug/check-id"]`` is a zero-argument callable returning the number the card's
quick check expects, computed with ``mlinterview.ml.nn`` on the situation the prompt
describes.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F


def _count(module) -> int:
    return sum(p.numel() for p in module.parameters())


def _layer_parameters() -> int:
    """One encoder layer, d_model 512, 8 heads, dim_feedforward 2048, with biases."""
    return _count(nn.TransformerEncoderLayer(512, 8, 2048))


def _swiglu_width() -> float:
    """The SwiGLU hidden width whose parameters equal a bias-free d → 4d → d MLP, d = 768:
    the plain MLP's count divided by what one hidden unit of SwiGLU costs."""
    d = 768
    plain = _count(nn.Linear(d, 4 * d, bias=False)) + _count(nn.Linear(4 * d, d, bias=False))
    per_hidden_unit = _count(nn.SwiGLU(d, 1))
    return plain / per_hidden_unit


def _rms_first_entry() -> float:
    """RMSNorm of [3, 4] with gain 1 and eps 0: the first entry."""
    x = Tensor(np.array([[3.0, 4.0]]))
    return float(F.rms_norm(x, 2, eps=0.0).data[0, 0])


ANSWERS = {
    "transformer-block/layer-parameters": _layer_parameters,
    "transformer-block/swiglu-width": _swiglu_width,
    "transformer-block/rms-value": _rms_first_entry,
}
