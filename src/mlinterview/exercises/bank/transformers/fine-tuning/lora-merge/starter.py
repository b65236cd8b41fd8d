import numpy as np


def lora_merge(W, A, B, lora_alpha, use_rslora=False):
    """Fold a LoRA update into its frozen weight.

    Parameters
    ----------
    W : float array of shape (out, in), the frozen weight
    A : float array of shape (r, in)
    B : float array of shape (out, r)
    lora_alpha : positive float; the scaling is lora_alpha / r (lora_alpha / sqrt(r) with
        use_rslora)

    Returns
    -------
    (merged, trainable): merged weight of shape (out, in), and the number of trainable
    parameters of the adapter (an int)
    """
    W = np.asarray(W, dtype=float)
    raise NotImplementedError("check the shapes, scale B @ A and add it to W")
