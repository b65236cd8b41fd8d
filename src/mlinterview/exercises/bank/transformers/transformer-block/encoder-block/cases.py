"""Cases for transformer-block/encoder-block.

Expected values come from mlinterview.ml.nn.TransformerEncoderLayer (one head, ReLU,
dropout 0, batch_first, checked against PyTorch's nn.TransformerEncoderLayer in
tests/parity/test_transformer_block.py) with the exercise's weights loaded into it: the
library stores a linear map as y = x Wᵀ + b, so each (d_in, d_out) matrix of the exercise
goes in transposed, and the attention biases are zero. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def reference(x, params, norm_first):
    x = np.asarray(x, dtype=float)
    p = {name: np.asarray(value, dtype=float) for name, value in params.items()}
    d, f = p["w_1"].shape
    layer = nn.TransformerEncoderLayer(d, 1, f, dropout=0.0, batch_first=True,
                                       norm_first=norm_first, dtype=np.float64)
    layer.load_state_dict({
        "self_attn.in_proj_weight": np.concatenate([p["w_q"].T, p["w_k"].T, p["w_v"].T]),
        "self_attn.in_proj_bias": np.zeros(3 * d),
        "self_attn.out_proj.weight": p["w_o"].T,
        "self_attn.out_proj.bias": np.zeros(d),
        "linear1.weight": p["w_1"].T, "linear1.bias": p["b_1"],
        "linear2.weight": p["w_2"].T, "linear2.bias": p["b_2"],
        "norm1.weight": p["gamma_1"], "norm1.bias": p["beta_1"],
        "norm2.weight": p["gamma_2"], "norm2.bias": p["beta_2"],
    })
    return layer(Tensor(x)).data


def _params(d, f, rng=None, **fixed):
    """Random parameters (or the given ones)."""
    if rng is None:
        p = {name: np.zeros(shape) for name, shape in _shapes(d, f).items()}
        p["gamma_1"], p["gamma_2"] = np.ones(d), np.ones(d)
    else:
        p = {name: rng.normal(scale=0.6, size=shape) for name, shape in _shapes(d, f).items()}
        p["gamma_1"] = rng.uniform(0.5, 1.5, d)
        p["gamma_2"] = rng.uniform(0.5, 1.5, d)
    p.update({k: np.asarray(v, dtype=float) for k, v in fixed.items()})
    return p


def _shapes(d, f):
    return {"w_q": (d, d), "w_k": (d, d), "w_v": (d, d), "w_o": (d, d), "w_1": (d, f),
            "b_1": (f,), "w_2": (f, d), "b_2": (d,), "gamma_1": (d,), "beta_1": (d,),
            "gamma_2": (d,), "beta_2": (d,)}


EPS = 1e-5


def fixed():
    x = np.array([[[1.0, 3.0]]])
    one_token = _params(2, 3, w_v=np.eye(2), w_o=np.eye(2), b_2=[0.5, -0.5])
    a = 2 / np.sqrt(4 + EPS)
    c = (a - 0.5) / np.sqrt((a - 0.5) ** 2 + EPS)
    b = 1 / np.sqrt(1 + EPS)
    # Two tokens whose keys are 0 (w_k = 0): equal scores, each token reads the mean value.
    two = np.array([[[2.0, 0.0], [0.0, 4.0]]])
    mean_reader = _params(2, 1, w_v=np.eye(2), w_o=np.eye(2))
    # Pre-norm: LN1 gives [1, -1]/√(1 + ε) and [-1, 1]·2/√(4 + ε); the mean of the two
    # is [m, -m], added to both tokens (the MLP is zero).
    m = 0.5 * (1 / np.sqrt(1 + EPS) - 2 / np.sqrt(4 + EPS))
    pre = two + np.array([m, -m])
    # Post-norm: x + [1, 2] = [3, 2] and [1, 6]; LN1 = [u, -u] and [-w, w]; LN2 of those.
    u, w = 0.5 / np.sqrt(0.25 + EPS), 2.5 / np.sqrt(6.25 + EPS)
    post = np.array([[[1.0, -1.0], [-1.0, 1.0]]]) * np.array(
        [[[u / np.sqrt(u * u + EPS)], [w / np.sqrt(w * w + EPS)]]])
    return [
        Case((x, one_token, False), note="the statement's example, post-norm",
             expected=np.array([[[-c, c]]])),
        Case((x, one_token, True), note="the statement's example, pre-norm",
             expected=np.array([[[1.5 - b, 2.5 + b]]])),
        Case((two, mean_reader, True),
             note="pre-norm, zero keys: uniform attention over LN1 of both tokens",
             expected=pre),
        Case((two, mean_reader, False),
             note="post-norm, zero keys: attn adds the mean value [1, 2] to both tokens",
             expected=post),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        N, L = int(rng.integers(1, 4)), int(rng.integers(1, 6))
        d, f = int(rng.integers(2, 7)), int(rng.integers(1, 9))
        x = rng.normal(scale=1.5, size=(N, L, d))
        norm_first = bool(i % 2)
        cases.append(Case((x, _params(d, f, rng), norm_first),
                          note=f"N = {N}, L = {L}, d = {d}, f = {f}, "
                               f"{'pre' if norm_first else 'post'}-norm",
                          size=x.size + d * d * 4 + 2 * d * f))
    return cases


SPEC = ExerciseSpec(
    function="encoder_block",
    # Two LayerNorms, a softmax and a few products in float64: rounding ~1e-14.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
