import numpy as np


def distillation_loss_grad(student_logits, teacher_logits, labels, temperature, alpha):
    """Hinton's distillation loss of a batch and its gradient wrt the student's logits.

    Parameters
    ----------
    student_logits, teacher_logits : float arrays of shape (N, C)
    labels : int array of shape (N,), or None for the soft term only
    temperature : float T > 0
    alpha : float in [0, 1], weight of the soft term (ignored when labels is None)

    Returns
    -------
    (loss, grad): a float and an array of shape (N, C)
    """
    s = np.asarray(student_logits, dtype=float)
    raise NotImplementedError("stable log-softmaxes at T, the T²-scaled KL, the hard CE")
