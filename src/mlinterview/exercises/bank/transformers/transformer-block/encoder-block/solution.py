import numpy as np


def _layer_norm(z, gamma, beta, eps=1e-5):
    mean = z.mean(axis=-1, keepdims=True)
    var = z.var(axis=-1, keepdims=True)          # biased: divides by d
    return (z - mean) / np.sqrt(var + eps) * gamma + beta


def _attn(z, p):
    q, k, v = z @ p["w_q"], z @ p["w_k"], z @ p["w_v"]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(z.shape[-1])   # (N, L, L)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    w = w / w.sum(axis=-1, keepdims=True)                        # over the keys
    return w @ v @ p["w_o"]


def _mlp(z, p):
    return np.maximum(z @ p["w_1"] + p["b_1"], 0.0) @ p["w_2"] + p["b_2"]


def encoder_block(x, params, norm_first):
    """Post-norm: LN(x + f(x)) per sublayer; pre-norm: x + f(LN(x))."""
    x = np.asarray(x, dtype=float)
    p = {name: np.asarray(value, dtype=float) for name, value in params.items()}
    if norm_first:
        # The residual stream x is never normalised; each branch reads a normalised copy.
        h = x + _attn(_layer_norm(x, p["gamma_1"], p["beta_1"]), p)
        return h + _mlp(_layer_norm(h, p["gamma_2"], p["beta_2"]), p)
    h = _layer_norm(x + _attn(x, p), p["gamma_1"], p["beta_1"])
    return _layer_norm(h + _mlp(h, p), p["gamma_2"], p["beta_2"])
