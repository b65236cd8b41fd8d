import numpy as np


def gan_losses(real_logits, fake_logits):
    """Discriminator loss, both generator losses, and their gradients in the fake logits.

    Parameters
    ----------
    real_logits : float array (m,)
    fake_logits : float array (k,)

    Returns
    -------
    (d_loss, g_loss_ns, g_loss_mm, grad_ns, grad_mm) : three floats and two arrays (k,)
    """
    real_logits = np.asarray(real_logits, dtype=float)
    raise NotImplementedError("softplus and sigmoid that never overflow, then means")
