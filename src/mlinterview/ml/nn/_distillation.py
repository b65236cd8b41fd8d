"""KL divergence as a loss (PyTorch's ``F.kl_div``) and the knowledge-distillation loss.

Knowledge distillation (Hinton, Vinyals and Dean, "Distilling the Knowledge in a Neural
Network", 2015) trains a small student on a large teacher's **soft targets**: both
softmaxes are taken at a temperature T > 1, which flattens them so that the teacher's
ranking of the wrong classes ("a 2 looks more like a 3 than a 7") carries signal::

    L_soft = T² · KL( softmax(z_teacher / T) || softmax(z_student / T) )

The T² keeps the gradient's size independent of T: d L_soft / d z_student
= T · (softmax(z_s / T) - softmax(z_t / T)), and each softmax difference shrinks like 1/T
for large T, so without the factor the soft term would fade as T grows. A weighted hard-label
cross-entropy at T = 1 is usually added.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor, where

_REDUCTIONS = ("none", "batchmean", "sum", "mean")


def _float_tensor(value, name: str) -> Tensor:
    if not isinstance(value, Tensor):
        try:
            value = Tensor(np.asarray(value))
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name}: expected a Tensor or numeric array ({exc})") from None
    if value.dtype.kind != "f":
        raise TypeError(f"{name}: expected floating-point values, got dtype {value.dtype}")
    return value


def kl_div(input: Tensor, target, reduction: str = "mean", log_target: bool = False) -> Tensor:
    """KL divergence loss, PyTorch's ``F.kl_div``: ``input`` holds **log**-probabilities of
    the model, ``target`` probabilities (log-probabilities if ``log_target``).

    Pointwise ``target · (log target - input)``, with 0 where target = 0 (0 log 0 = 0); summed
    over the last dimension this is KL(target || exp(input)). ``reduction``: ``"batchmean"``
    (sum / batch size: the true mean KL per example, the one to use), ``"sum"``, ``"none"``
    (the pointwise terms), or ``"mean"`` (PyTorch's default, which divides by every element,
    batch × classes, and so is not the KL per example).

    Shapes: input (N, *), target the same shape.
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    input = _float_tensor(input, "input")
    target = _float_tensor(target, "target")
    if target.shape != input.shape:
        raise ValueError(f"target shape {tuple(target.shape)} must match input shape "
                         f"{tuple(input.shape)}")
    if log_target:
        loss = target.exp() * (target - input)
    else:
        positive = target.data > 0
        # log of a safe value where target = 0: that branch is discarded by `where`, and a
        # log(0) = -inf there would turn 0 · -inf into NaN in both passes.
        safe = where(positive, target, 1.0)
        loss = where(positive, target * safe.log(), 0.0) - target * input
    if reduction == "none":
        return loss
    if input.data.size == 0:
        raise ValueError("input: an empty batch has no mean loss (0/0)")
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    return loss.sum() / float(input.shape[0] if input.ndim else 1)


def distillation_loss(student_logits: Tensor, teacher_logits, target=None,
                      temperature: float = 2.0, alpha: float = 0.5) -> Tensor:
    """Hinton's knowledge-distillation loss of a batch of logits (N, C).

    ``alpha · T² · KL(softmax(teacher / T) || softmax(student / T))`` (mean over the batch)
    ``+ (1 - alpha) · cross_entropy(student, target)`` (hard labels at T = 1). Without
    ``target`` only the soft term is returned, with weight 1 (``alpha`` ignored). The
    teacher is frozen: no gradient flows into ``teacher_logits``.

    Args:
        student_logits: Tensor (N, C), the student's raw outputs.
        teacher_logits: (N, C) array or Tensor, the teacher's raw outputs.
        target: optional class indices (N,) for the hard-label term.
        temperature: T > 0; 1 gives the ordinary softmaxes, larger T softer targets.
        alpha: weight of the soft term in [0, 1] (when ``target`` is given).
    """
    from mlinterview.ml.nn import functional as F

    student = _float_tensor(student_logits, "student_logits")
    teacher = _float_tensor(teacher_logits, "teacher_logits").detach()
    if student.ndim != 2:
        raise ValueError(f"student_logits: expected shape (N, C), got {tuple(student.shape)}")
    if teacher.shape != student.shape:
        raise ValueError(f"teacher_logits shape {tuple(teacher.shape)} must match "
                         f"student_logits shape {tuple(student.shape)}")
    if student.shape[0] == 0:
        raise ValueError("student_logits: an empty batch (N = 0) has no mean loss")
    # A NaN or infinite logit has no softmax: say which input holds it.
    for name, value in (("student_logits", student), ("teacher_logits", teacher)):
        if not np.isfinite(value.data).all():
            raise ValueError(f"{name}: expected finite logits, got NaN or inf")
    if isinstance(temperature, bool) or not isinstance(temperature, int | float | np.number) \
            or not np.isfinite(temperature) or temperature <= 0:
        raise ValueError(f"temperature must be a positive number, got {temperature!r}")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be in [0, 1], got {alpha!r}")
    t = float(temperature)
    soft_targets = F.softmax(teacher / t, dim=1)
    soft = kl_div(F.log_softmax(student / t, dim=1), soft_targets,
                  reduction="batchmean") * (t * t)
    if target is None:
        return soft
    hard = F.cross_entropy(student, target)
    return soft * alpha + hard * (1.0 - alpha)
