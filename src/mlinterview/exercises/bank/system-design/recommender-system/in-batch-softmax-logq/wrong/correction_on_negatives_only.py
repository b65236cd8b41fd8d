"""Corrects only the negatives (off-diagonal logits): the positive is a sampled batch
item too, and its logit must be corrected as well."""
import numpy as np


def in_batch_softmax_loss(user_emb, item_emb, item_ids, log_q, temperature):
    user = np.asarray(user_emb, dtype=float)
    item = np.asarray(item_emb, dtype=float)
    ids = np.asarray(item_ids)
    batch = user.shape[0]
    eye = np.eye(batch, dtype=bool)
    correction = np.where(eye, 0.0, np.asarray(log_q, dtype=float)[None, :])
    logits = user @ item.T / temperature - correction
    logits[(ids[:, None] == ids[None, :]) & ~eye] = -np.inf
    top = logits.max(axis=1, keepdims=True)
    e = np.exp(logits - top)
    z = e.sum(axis=1, keepdims=True)
    loss = np.mean(top[:, 0] + np.log(z[:, 0]) - np.diag(logits))
    d_scores = (e / z - np.eye(batch)) / (batch * temperature)
    return float(loss), d_scores @ item, d_scores.T @ user
