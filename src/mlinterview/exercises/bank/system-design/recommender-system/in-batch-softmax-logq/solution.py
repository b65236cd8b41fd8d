import numpy as np


def in_batch_softmax_loss(user_emb, item_emb, item_ids, log_q, temperature):
    """Mean in-batch softmax loss with the logQ correction, and its gradients."""
    user = np.asarray(user_emb, dtype=float)
    item = np.asarray(item_emb, dtype=float)
    ids = np.asarray(item_ids)
    batch = user.shape[0]
    logits = user @ item.T / temperature - np.asarray(log_q, dtype=float)[None, :]
    # The same item elsewhere in the batch is not a negative for this row.
    logits[(ids[:, None] == ids[None, :]) & ~np.eye(batch, dtype=bool)] = -np.inf
    top = logits.max(axis=1, keepdims=True)            # subtract the max: no overflow
    e = np.exp(logits - top)
    z = e.sum(axis=1, keepdims=True)
    loss = np.mean(top[:, 0] + np.log(z[:, 0]) - np.diag(logits))
    # d loss / d logits = (softmax - one_hot(i)) / B; the logits are (U V^T) / T - log q.
    d_scores = (e / z - np.eye(batch)) / (batch * temperature)
    return float(loss), d_scores @ item, d_scores.T @ user
