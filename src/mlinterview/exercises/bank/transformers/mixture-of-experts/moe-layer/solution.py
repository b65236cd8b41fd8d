import math

import numpy as np


def moe_forward(x, router_weight, w1, b1, w2, b2, top_k, capacity_factor):
    """Output (T, d) of a top-k mixture of ReLU-MLP experts with capacity dropping."""
    x = np.asarray(x, dtype=float)
    router_weight = np.asarray(router_weight, dtype=float)
    w1, b1 = np.asarray(w1, dtype=float), np.asarray(b1, dtype=float)
    w2, b2 = np.asarray(w2, dtype=float), np.asarray(b2, dtype=float)
    T, E = len(x), len(router_weight)

    # Router: a stable softmax, the k largest logits (ties to the lower index).
    logits = x @ router_weight.T                                     # (T, E)
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = z / z.sum(axis=1, keepdims=True)
    chosen = np.argsort(-logits, axis=1, kind="stable")[:, :top_k]   # (T, k)
    gates = np.take_along_axis(probs, chosen, axis=1)
    gates = gates / gates.sum(axis=1, keepdims=True)

    # Queue: all first choices in token order, then all second choices, ... The position
    # of an assignment at its expert is how many earlier queue entries chose that expert.
    queue = chosen.T.reshape(-1)                                     # rank-major
    earlier = np.cumsum(queue[:, None] == np.arange(E), axis=0) - 1  # (k T, E)
    position = earlier[np.arange(queue.size), queue].reshape(top_k, T).T
    if capacity_factor is None:
        kept = np.ones_like(position, dtype=bool)
    else:
        capacity = math.ceil(capacity_factor * top_k * T / E)
        kept = position < capacity

    # Each token through each of its chosen experts: gather the experts' weights.
    hidden = np.einsum("tkhd,td->tkh", w1[chosen], x) + b1[chosen]    # (T, k, h)
    out = np.einsum("tkdh,tkh->tkd", w2[chosen], np.maximum(hidden, 0.0)) + b2[chosen]
    return np.einsum("tk,tkd->td", gates * kept, out)
