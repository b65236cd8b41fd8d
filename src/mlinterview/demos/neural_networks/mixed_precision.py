"""Demos for mixed-precision-gradient-clipping: float16 gradients underflowing without loss
scaling (static and dynamic scales, float32 master weights), and gradient clipping taming
an exploding recurrent network.

The network runs forward and backward in float16 on the library's autograd engine; the
loss is computed in float32 from the float16 output (as autocast does), and the reference
gradients come from the same network in float64.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn, optim
from mlinterview.ml.amp import GradScaler
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.utils import clip_grad_norm_, clip_grad_value_

FP16_SMALLEST_SUBNORMAL = 2.0**-24  # 5.96e-8: anything smaller rounds to 0
FP16_SMALLEST_NORMAL = 2.0**-14  # 6.10e-5: below it precision degrades
FP16_MAX = 65504.0


def make_mlp(dtype, seed: int) -> nn.Sequential:
    """16 → 64 → 64 → 1 with tanh; the weights are drawn in float64 from ``seed`` and then
    rounded to ``dtype``, so every dtype starts from the same network."""
    g = np.random.default_rng(seed)
    model = nn.Sequential(nn.Linear(16, 64, dtype=np.float64, generator=g), nn.Tanh(),
                          nn.Linear(64, 64, dtype=np.float64, generator=g), nn.Tanh(),
                          nn.Linear(64, 1, dtype=np.float64, generator=g))
    for p in model.parameters():
        p.data = p.data.astype(dtype)
    return model


def regression_batch(batch: int, target_scale: float, seed: int):
    """Inputs (batch, 16) and targets (batch, 1) of size ``target_scale``: a teacher network's
    output minus a little noise, so the student's residuals — and so all its gradients —
    are proportional to ``target_scale`` (small, as late in training)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(batch, 16))
    teacher = make_mlp(np.float64, seed + 100)
    y = teacher(Tensor(X)).data
    return X, target_scale * (y - y.mean())


def gradients(model: nn.Module, X: np.ndarray, y: np.ndarray, scale: float,
              student_output_scale: float) -> list[np.ndarray]:
    """d(scale · MSE)/dθ for every parameter, in the model's dtype, before unscaling.

    The forward and backward run in the model's dtype; the MSE and the multiplication by
    ``scale`` are done in float32 (float64 for a float64 model), like autocast.
    """
    dtype = next(iter(model.parameters())).dtype
    loss_dtype = np.float64 if dtype == np.float64 else np.float32
    model.zero_grad()
    # A scale that is too large overflows to inf in float16: that is the point, and
    # GradScaler detects it, so NumPy's warning is silenced here.
    with np.errstate(over="ignore", invalid="ignore"):
        out = model(Tensor(X.astype(dtype))).to(loss_dtype) * student_output_scale
        loss = ((out - Tensor(y.astype(loss_dtype))) ** 2).mean()
        (loss * scale).backward()
    return [p.grad.data.copy() for p in model.parameters()]


def underflow_stats(reference: list[np.ndarray], scaled: list[np.ndarray], scale: float):
    """Compare float16 gradients (computed with loss scale ``scale``) with the float64 ones.

    Returns (fraction of non-zero reference entries that became exactly 0, relative error
    ‖g/scale − g_ref‖ / ‖g_ref‖ of the unscaled float32 gradient, whether any entry is
    inf/NaN).
    """
    ref = np.concatenate([g.ravel() for g in reference])
    got = np.concatenate([g.ravel() for g in scaled]).astype(np.float32) / np.float32(scale)
    lost = float(np.mean(got[ref != 0] == 0))
    if not np.all(np.isfinite(got)):
        return lost, math.inf, True
    return lost, float(np.linalg.norm(got - ref) / np.linalg.norm(ref)), False


def absorbed_fraction(weights: np.ndarray, step: float, dtype) -> float:
    """Share of ``weights`` (any shape) stored in ``dtype`` that ``w − step`` rounds back to
    exactly ``w``: the update is lost when it is below half the spacing of ``dtype`` at w."""
    w = np.asarray(weights).astype(dtype)
    return float(np.mean(w - np.asarray(step, dtype=dtype) == w))


@demo("mixed-precision-gradient-clipping",
      title="float16 gradients underflow without loss scaling")
def fp16_underflow(
    target_scale: Param(float, lo=1e-5, hi=1.0,
                        help="Size of the targets; gradients scale with it (small = late "
                             "in training).") = 1e-2,
    batch: Param(int, lo=8, hi=4096, help="Batch size.") = 128,
    dynamic_steps: Param(int, lo=1, hi=200, help="Steps of the dynamic GradScaler.") = 16,
    seed: int = 0,
) -> DemoResult:
    """One batch through an MLP in float16, backward with several loss scales S: the share
    of gradient entries that underflow to exactly 0 (float16 cannot hold anything below
    2⁻²⁴ ≈ 6e-8), the error of the unscaled gradient against float64, and overflow when S
    is too large. GradScaler starts too high, skips the overflowing steps and backs off
    until the gradients are finite. Last, float32 master weights: the share of SGD updates
    that a float16 weight cannot absorb."""
    X, y = regression_batch(batch, target_scale, seed)
    out_scale = target_scale  # the student's output has the targets' size at the start
    ref = gradients(make_mlp(np.float64, seed + 1), X, y, 1.0, out_scale)
    half = make_mlp(np.float16, seed + 1)

    table = Table(["loss scale", "zeroed gradient entries", "relative error vs float64",
                   "overflow (step skipped)"])
    static = [1.0, 2.0**8, 2.0**16, 2.0**32]
    results = {}
    for s in static:
        lost, rel, over = underflow_stats(ref, gradients(half, X, y, s, out_scale), s)
        results[s] = (lost, rel, over)
        label = "1 (no scaling)" if s == 1 else f"2^{int(math.log2(s))} (static)"
        table.add(label, round(lost, 4), float(f"{rel:.3g}") if not over else "inf",
                  "yes" if over else "no")

    # Dynamic scaling on the same batch: GradScaler doubles S after every clean step
    # (growth_interval=1 here, 2000 by default) and halves it after an overflow, whose
    # step it skips; S ends up hovering just below the largest scale that fits. It starts
    # at 2^24 rather than PyTorch's 2^16 only to keep the demo short.
    master = make_mlp(np.float32, seed + 1)
    opt = optim.SGD(master.parameters(), lr=0.0)  # lr 0: only the scale logic matters here
    scaler = GradScaler(init_scale=2.0**24, growth_interval=1)
    scales, skipped = [], []
    for _ in range(dynamic_steps):
        s = scaler.get_scale()
        grads = gradients(half, X, y, s, out_scale)
        for p, g in zip(master.parameters(), grads, strict=True):
            p.grad = Tensor(g.astype(np.float32))
        scaler.unscale_(opt)
        skipped.append(not all(np.all(np.isfinite(p.grad.data)) for p in master.parameters()))
        scaler.step(opt)
        scaler.update()
        scales.append(s)
    good = [sc for sc, sk in zip(scales, skipped, strict=True) if not sk]
    s_dyn = good[-1] if good else scales[-1]
    lost, rel, over = underflow_stats(ref, gradients(half, X, y, s_dyn, out_scale), s_dyn)
    table.add(f"GradScaler, last good S = 2^{int(math.log2(s_dyn))} "
              f"({sum(skipped)} of {dynamic_steps} steps skipped)",
              round(lost, 4), float(f"{rel:.3g}") if not over else "inf",
              "yes" if over else "no")

    # Master weights: an Adam-like step moves every weight by about lr. Does w − lr
    # differ from w when w is stored in float16? In float32?
    lr = 1e-5
    w = np.concatenate([p.data.ravel() for p in master.parameters()])
    absorbed_16 = absorbed_fraction(w, lr, np.float16)
    absorbed_32 = absorbed_fraction(w, lr, np.float32)

    # Figures: where the gradients sit on float16's number line, and the scale sequence.
    fig, (ax_h, ax_s) = new_figure(2, width=5.0, height=3.6)
    mags = np.abs(np.concatenate([g.ravel() for g in ref]))
    mags = mags[mags > 0]
    bins = np.arange(-50, 20)
    ax_h.hist(np.log2(mags), bins=bins, color="#1f77b4", alpha=0.7, label="S = 1")
    ax_h.hist(np.log2(mags * 2.0**16), bins=bins, color="#ff7f0e", alpha=0.5,
              label="S = 2^16")
    for v, text in ((FP16_SMALLEST_SUBNORMAL, "2^-24"), (FP16_SMALLEST_NORMAL, "2^-14"),
                    (FP16_MAX, "65504")):
        ax_h.axvline(math.log2(v), color="k", lw=0.8, ls=":")
        ax_h.text(math.log2(v), ax_h.get_ylim()[1] * 0.95, text, fontsize=7, ha="center")
    ax_h.set(xlabel="log2 |gradient| (float64 reference, × S)", ylabel="entries",
             title="Gradients on float16's range")
    ax_h.legend(fontsize=7, loc="upper left")
    steps_axis = np.arange(len(scales))
    ax_s.step(steps_axis, np.log2(scales), where="post")
    bad = np.array(skipped)
    ax_s.plot(steps_axis[~bad], np.log2(scales)[~bad], "o", color="#2ca02c", label="step taken")
    ax_s.plot(steps_axis[bad], np.log2(scales)[bad], "x", color="#d62728",
              label="overflow: skipped")
    ax_s.set(xlabel="step", ylabel="log2 S", title="GradScaler (growth_interval = 1)")
    ax_s.legend(fontsize=7)

    lost1, rel1, _ = results[1.0]
    lost16, rel16, _ = results[2.0**16]
    over32 = results[2.0**32][2]
    summary = (
        f"Without loss scaling {lost1:.1%} of the gradient entries that are non-zero in "
        f"float64 come out as exactly 0 in float16 (they, or the intermediate gradients they "
        f"are made of, fall below 2^-24 ≈ 6e-8) and the "
        f"gradient's relative error is {rel1:.3g}. Multiplying the loss by S = 2^16 shifts "
        f"every gradient up 16 binades: {lost16:.1%} are lost and the error drops to "
        f"{rel16:.3g} (float16's own rounding in the forward pass). S = 2^32 "
        + ("overflows (a gradient exceeds 65504), so that step is skipped. " if over32
           else "still fits. ") +
        f"GradScaler grows S from 2^24 until a step overflows, halves it, and keeps probing: "
        f"{sum(skipped)} of {dynamic_steps} steps were skipped and its last good scale is "
        f"2^{int(math.log2(s_dyn))}. Master weights: a step of {lr:g} per weight (the size "
        f"of an Adam step with lr = {lr:g}) leaves {absorbed_16:.1%} of the weights "
        f"unchanged when they are stored in float16 (the step is below half their spacing), "
        f"against {absorbed_32:.1%} in float32."
    )
    return DemoResult(figures={"underflow": fig}, table=table, summary=summary)


class _SequenceRegressor(nn.Module):
    """A tanh RNN (1 → H) and a linear read-out of its last hidden state."""

    def __init__(self, hidden: int, gain: float, seed: int):
        super().__init__()
        g = np.random.default_rng(seed)
        self.rnn = nn.RNN(1, hidden, dtype=np.float64, generator=g)
        # Recurrent weights with spectral radius `gain`: above 1 the backward pass through
        # time can multiply gradients by a large factor (the exploding-gradient regime).
        w = g.normal(size=(hidden, hidden))
        self.rnn.weight_hh_l0.data[...] = w * (gain / np.max(np.abs(np.linalg.eigvals(w))))
        self.head = nn.Linear(hidden, 1, dtype=np.float64, generator=g)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[-1])


def train_rnn(clip: str, steps: int, lr: float, gain: float, max_norm: float = 1.0,
              clip_value: float = 0.1, seq_len: int = 20, hidden: int = 16, seed: int = 0):
    """SGD (momentum 0.9) on y = x_T + ½ x_(T−1) from sequences of length ``seq_len``.

    ``clip`` is "none", "norm" (clip_grad_norm_ to ``max_norm``) or "value"
    (clip_grad_value_). Returns the loss per step and the global gradient norm before
    clipping (both (steps,), NaN after a run blows up).
    """
    rng = np.random.default_rng(seed)
    net = _SequenceRegressor(hidden, gain, seed + 1)
    opt = optim.SGD(net.parameters(), lr=lr, momentum=0.9)
    losses = np.full(steps, np.nan)
    norms = np.full(steps, np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            x = rng.normal(size=(seq_len, 32, 1))
            y = x[-1] + 0.5 * x[-2]
            opt.zero_grad()
            loss = ((net(Tensor(x)) - Tensor(y)) ** 2).mean()
            losses[t] = loss.item()
            if not np.isfinite(losses[t]) or losses[t] > 1e12:
                break
            loss.backward()
            # The norm before clipping: clip_grad_norm_ returns it; measure it the same
            # way for the other two runs.
            if clip == "norm":
                norms[t] = clip_grad_norm_(net.parameters(), max_norm).item()
            else:
                norms[t] = math.sqrt(sum(float((p.grad.data**2).sum())
                                         for p in net.parameters()))
                if clip == "value":
                    clip_grad_value_(net.parameters(), clip_value)
            opt.step()
    return losses, norms


@demo("mixed-precision-gradient-clipping", name="clipping",
      title="Gradient clipping tames an exploding RNN")
def clipping(
    lr: Param(float, lo=0.001, hi=1.0, help="SGD learning rate (momentum 0.9).") = 0.3,
    gain: Param(float, lo=0.5, hi=3.0,
                help="Spectral radius of the recurrent weights at the start.") = 1.2,
    max_norm: Param(float, lo=0.01, hi=100.0, help="clip_grad_norm_ threshold.") = 1.0,
    steps: Param(int, lo=10, hi=2000, help="Training steps.") = 120,
    seed: int = 0,
) -> DemoResult:
    """The same tanh RNN trained three times with the same batches: without clipping, with
    clip_grad_norm_ (rescale the whole gradient when its norm exceeds max_norm) and with
    clip_grad_value_ (clamp each entry to ±0.1). Without clipping a gradient spike throws
    the weights far away and the loss explodes; clipping by norm keeps the direction and
    caps the step."""
    runs = {name: train_rnn(name, steps, lr, gain, max_norm=max_norm, seed=seed)
            for name in ("none", "norm", "value")}
    labels = {"none": "no clipping", "norm": f"clip_grad_norm_({max_norm:g})",
              "value": "clip_grad_value_(0.1)"}
    table = Table(["run", "first loss", "lowest loss", "final loss",
                   "largest gradient norm", "steps before blow-up"])
    fig, (ax_l, ax_n) = new_figure(2, width=5.0, height=3.6)
    for name, (losses, norms) in runs.items():
        finite = np.isfinite(losses) & (losses <= 1e12)
        done = int(np.argmin(finite)) if not finite.all() else None
        last = losses[finite][-1] if done is None else math.inf
        table.add(labels[name], round(float(losses[0]), 4),
                  round(float(np.nanmin(losses[finite])), 4),
                  round(float(last), 4) if math.isfinite(last) else "inf",
                  float(f"{np.nanmax(norms):.3g}"),
                  done if done is not None else f"none in {steps}")
        ax_l.semilogy(np.clip(losses, 1e-6, 1e12), lw=1, label=labels[name])
        ax_n.semilogy(norms, lw=1, label=labels[name])
    ax_n.axhline(max_norm, color="k", lw=0.8, ls=":")
    ax_l.set(xlabel="step", ylabel="training loss (log)", title="Loss")
    ax_n.set(xlabel="step", ylabel="‖g‖ before clipping (log)", title="Global gradient norm")
    ax_l.legend(fontsize=7)
    rows = {r[0]: r for r in table.rows}
    summary = (
        f"With lr = {lr:g} and recurrent weights of spectral radius {gain:g}, the unclipped "
        f"run's gradient norm reaches {rows[labels['none']][4]:.3g} and the run blows up "
        f"after {rows[labels['none']][5]} steps. Clipping the global norm to {max_norm:g} "
        f"keeps every update's length at most lr·{max_norm:g} in the gradient's own "
        f"direction: final loss {rows[labels['norm']][3]}. Clipping each entry to ±0.1 also "
        f"bounds the step but changes its direction (final loss "
        f"{rows[labels['value']][3]})."
    )
    return DemoResult(figures={"clipping": fig}, table=table, summary=summary)
