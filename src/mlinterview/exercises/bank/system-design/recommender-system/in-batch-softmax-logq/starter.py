import numpy as np


def in_batch_softmax_loss(user_emb, item_emb, item_ids, log_q, temperature):
    """Mean in-batch softmax loss with the logQ correction, and its gradients.

    Parameters
    ----------
    user_emb, item_emb : float arrays of shape (B, d); row i is a positive pair
    item_ids : int array of shape (B,); repeated ids are accidental hits
    log_q : float array of shape (B,); log sampling probability of each batch item
    temperature : float > 0

    Returns
    -------
    (loss, grad_user, grad_item) : float, array (B, d), array (B, d)
    """
    user_emb = np.asarray(user_emb, dtype=float)
    item_emb = np.asarray(item_emb, dtype=float)
    raise NotImplementedError("logits, mask, stable log-softmax, then (P - I) / B back "
                              "through the matrix product")
