"""Demos for fine-tuning: LoRA against full fine-tuning, weight quantisation, distillation.

``fine-tuning``: a "pretrained" MLP is adapted to a new task whose true weight change is a
rank-k update of its first layer (the low-rank hypothesis LoRA rests on, built in here so
that it can be seen). Full fine-tuning and LoRA adapters of rank 1 to 8 train on the same
512 examples; adapters of rank below k plateau, rank k or more fit the task with a fraction
of the parameters and, on so few examples, generalise better than full fine-tuning: with
more parameters than target values it finds an update that fits the examples but spreads over
every direction instead of the true k (its singular values show it).

``fine-tuning/quantization``: a weight matrix with rows of different scales and a few
outliers is quantised to 8 and 4 bits, per tensor, per row and per group, absmax and zero
point, and NF4; the table gives bits per weight (scales included), the error, the ratio of
the worst error to half a step (never above 1), and what a 7-billion-parameter model weighs.

``fine-tuning/distillation``: a teacher's softmax at temperatures 1 to 8, and the size of
the distillation gradient with and without Hinton's T² factor.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn, optim
from mlinterview.ml import quantization as Q
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn.modules.lora import LoRALinear, count_parameters, inject_lora

D_IN, HIDDEN, D_OUT = 64, 64, 8
N_TRAIN, N_TEST = 512, 256
RANKS = (1, 2, 4, 8)


def _mlp(seed: int) -> nn.Sequential:
    rng = np.random.default_rng(seed)
    return nn.Sequential(nn.Linear(D_IN, HIDDEN, generator=rng), nn.Tanh(),
                         nn.Linear(HIDDEN, D_OUT, generator=rng))


def new_task(update_rank: int, seed: int):
    """(pretrained state dict, true update of layer 0 (HIDDEN, D_IN), X, Y) of the new task.

    The new task's network is the pretrained one with W1 + U Vᵀ (rank ``update_rank``),
    the update's Frobenius norm half of W1's."""
    rng = np.random.default_rng(seed)
    pretrained = _mlp(seed).state_dict()
    u, v = rng.normal(size=(HIDDEN, update_rank)), rng.normal(size=(D_IN, update_rank))
    delta = u @ v.T
    delta *= 0.5 * np.linalg.norm(pretrained["0.weight"]) / np.linalg.norm(delta)
    target = _mlp(seed)
    target.load_state_dict({**pretrained,
                            "0.weight": (pretrained["0.weight"] + delta).astype(np.float32)})
    x = rng.normal(size=(N_TRAIN + N_TEST, D_IN)).astype(np.float32)
    with no_grad():
        y = target(Tensor(x)).data
    return pretrained, delta, x, y


def fine_tune(pretrained: dict, x: np.ndarray, y: np.ndarray, rank: int | None, steps: int,
              lr: float, seed: int):
    """Adam on the training rows; ``rank=None`` trains every weight, else LoRA adapters
    (alpha = 2r) on both layers. Returns (model, training-loss history)."""
    model = _mlp(seed)
    model.load_state_dict(pretrained)
    if rank is not None:
        inject_lora(model, r=rank, lora_alpha=2 * rank, generator=np.random.default_rng(seed))
    opt = optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)
    xt, yt = Tensor(x[:N_TRAIN]), Tensor(y[:N_TRAIN])
    history = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.mse_loss(model(xt), yt)
        loss.backward()
        opt.step()
        history.append(loss.item())
    return model, history


def _first_layer_update(model: nn.Sequential, pretrained: dict) -> np.ndarray:
    layer = model[0]
    if isinstance(layer, LoRALinear):
        return layer.delta_weight().astype(np.float64)
    return layer.weight.data.astype(np.float64) - pretrained["0.weight"]


@demo("fine-tuning", title="LoRA against full fine-tuning on a low-rank change of task")
def lora_vs_full(
    update_rank: Param(int, lo=1, hi=8, help="Rank k of the true weight change of the "
                       "new task.") = 4,
    steps: Param(int, lo=20, hi=1500, help="Adam steps for each method.") = 300,
    lr: Param(float, lo=1e-4, hi=0.05, help="Adam learning rate (the same for all).") = 3e-3,
    seed: int = 0,
) -> DemoResult:
    """Full fine-tuning vs LoRA of rank 1, 2, 4, 8 on the same 512 examples."""
    pretrained, delta, x, y = new_task(update_rank, seed)
    full_count = count_parameters(_mlp(seed))
    methods = [("full fine-tuning", None)] + [(f"LoRA r = {r}", r) for r in RANKS]
    table = Table(["method", "trainable parameters", "% of full", "train MSE", "held-out MSE",
                   "max |merged - adapter| output"])
    histories, updates, points = {}, {}, []
    xte = Tensor(x[N_TRAIN:])
    for name, rank in methods:
        model, history = fine_tune(pretrained, x, y, rank, steps, lr, seed + 1)
        n = count_parameters(model)           # trainable only: the adapters for LoRA
        with no_grad():
            out = model(xte).data
            held_out = float(np.mean((out - y[N_TRAIN:]) ** 2))
            merge_gap = 0.0
            if rank is not None:
                for layer in (model[0], model[2]):
                    layer.merge()
                merge_gap = float(np.abs(model(xte).data - out).max())
        table.add(name, n, round(100 * n / full_count, 1), float(f"{history[-1]:.3g}"),
                  float(f"{held_out:.3g}"), float(f"{merge_gap:.2g}"))
        histories[name] = history
        points.append((n, held_out, name))
        updates[name] = _first_layer_update(model, pretrained)

    fig, (ax1, ax2) = new_figure(2, width=4.6)
    for name, _ in methods:
        ax1.semilogy(histories[name], label=name, lw=2 if name == "full fine-tuning" else 1.3,
                     ls="--" if name == "full fine-tuning" else "-")
    ax1.set(xlabel="Adam step", ylabel="training MSE",
            title=f"Fitting a rank-{update_rank} change of task")
    ax1.legend(fontsize=8)
    for n, err, name in points:
        ax2.loglog(n, err, "o" if name != "full fine-tuning" else "s", ms=8)
        ax2.annotate(name.replace("LoRA ", ""), (n, err), textcoords="offset points",
                     xytext=(6, 4), fontsize=8)
    ax2.set(xlabel="trainable parameters", ylabel="held-out MSE",
            title="Held-out error vs parameters trained")

    fig2, ax = new_figure(width=5.4)
    for name in ("full fine-tuning", f"LoRA r = {max(RANKS)}"):
        s = np.linalg.svd(updates[name], compute_uv=False)
        ax.semilogy(np.arange(1, 33), s[:32], "o-", ms=3, label=f"{name}: learned ΔW₁")
    true_s = np.linalg.svd(delta, compute_uv=False)
    ax.semilogy(np.arange(1, update_rank + 1), true_s[:update_rank], "k*", ms=10,
                label=f"true change (rank {update_rank})")
    ax.set(xlabel="singular value index", ylabel="singular value",
           title="Spectrum of the first layer's update", ylim=(1e-6, None))
    ax.legend(fontsize=8)

    rows = {row[0]: row for row in table.rows}
    full, best = rows["full fine-tuning"], rows[f"LoRA r = {max(RANKS)}"]
    low = rows["LoRA r = 1"]
    summary = (
        f"The new task changes the first layer by a rank-{update_rank} matrix. Full "
        f"fine-tuning trains {full[1]:,} parameters on {N_TRAIN * D_OUT:,} target values, "
        f"more unknowns than equations: it reaches a training MSE of {full[3]:.2g} but a "
        f"held-out MSE of {full[4]:.2g}, with an update of the first layer that spreads over "
        f"every direction instead of the true {update_rank}. LoRA of rank {max(RANKS)} trains "
        f"{best[1]:,} ({best[2]}%) and reaches {best[4]:.2g} held out; rank 1 ({low[1]} "
        f"parameters) stalls at a training MSE of {low[3]:.2g}"
        + (f" because the change has rank {update_rank}" if update_rank > 1 else "")
        + ". Merging the adapters into the weights changes the outputs by at most "
        f"{max(r[5] for r in table.rows):.1g} (float32 rounding). One seed, one toy task: "
        "the low-rank change is built in here, which is the hypothesis LoRA relies on."
    )
    return DemoResult(figures={"lora-loss": fig, "update-spectrum": fig2}, table=table,
                      summary=summary)


# -- quantisation ------------------------------------------------------------------------
FORMATS = [  # (label, bits, scheme, granularity)
    ("int8 absmax, per tensor", 8, "symmetric", {}),
    ("int8 absmax, per row", 8, "symmetric", {"axis": 0}),
    ("int4 absmax, per tensor", 4, "symmetric", {}),
    ("int4 absmax, per row", 4, "symmetric", {"axis": 0}),
    ("int4 zero point, per row", 4, "asymmetric", {"axis": 0}),
    ("int4 absmax, groups of 64", 4, "symmetric", {"group_size": 64}),
    ("int4 zero point, groups of 64", 4, "asymmetric", {"group_size": 64}),
    ("NF4, blocks of 64", 4, "nf4", {"group_size": 64}),
]


def layer_weights(rows: int, cols: int, outlier_scale: float, seed: int) -> np.ndarray:
    """Gaussian weights whose rows differ in scale (×1 to ×10, log-uniform) with one entry
    in 500 multiplied by ``outlier_scale``: the structure trained layers show."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0.0, 0.02, size=(rows, cols)) * 10 ** rng.uniform(0, 1, (rows, 1))
    hit = rng.random((rows, cols)) < 1 / 500
    w[hit] *= outlier_scale
    return w.astype(np.float32)


def _quantize(w, bits, scheme, granularity):
    if scheme == "nf4":
        return Q.quantize_nf4(w, granularity["group_size"])
    return Q.quantize(w, bits, scheme, **granularity)


def _half_step_ratio(w, qt) -> float:
    """max |error| / (scale / 2) over the matrix (≤ 1 for the affine grids)."""
    err = np.abs(qt.dequantize().astype(np.float64) - w)
    scale = qt.scale.astype(np.float64)
    if qt.group_size is not None:
        err = err.reshape(*w.shape[:-1], -1, qt.group_size)
    return float((err / (scale / 2)).max())


@demo("fine-tuning", name="quantization", title="int8, int4 and NF4: error against bits")
def quantization(
    outlier_scale: Param(float, lo=1.0, hi=50.0, help="Factor applied to one weight in "
                         "500 (1: no outliers).") = 10.0,
    rows: Param(int, lo=16, hi=1024, help="Rows (output features) of the matrix.") = 256,
    seed: int = 0,
) -> DemoResult:
    """Eight formats on one weight matrix: bits per weight, error, and the scale / 2 bound."""
    w = layer_weights(rows, 512, outlier_scale, seed)
    w64 = w.astype(np.float64)
    x = np.random.default_rng(seed + 1).normal(size=(64, 512))
    y = x @ w64.T
    table = Table(["format", "bits per weight", "relative RMS error", "relative output error",
                   "max error / half step", "7B model (GB)"])
    for label, bits, scheme, gran in FORMATS:
        qt = _quantize(w, bits, scheme, gran)
        wq = qt.dequantize().astype(np.float64)
        rel = np.linalg.norm(wq - w64) / np.linalg.norm(w64)
        out = np.linalg.norm(x @ wq.T - y) / np.linalg.norm(y)
        ratio = _half_step_ratio(w64, qt) if scheme != "nf4" else float("nan")
        table.add(label, round(qt.bits_per_value, 3), float(f"{rel:.3g}"),
                  float(f"{out:.3g}"), round(ratio, 3) if scheme != "nf4" else "n/a",
                  round(7e9 * qt.bits_per_value / 8 / 1e9, 2))

    fig, ax = new_figure(width=5.6)
    bit_range = np.arange(2, 9)
    for label, gran, style in [("per tensor", {}, "o-"), ("per row", {"axis": 0}, "s-"),
                               ("groups of 64", {"group_size": 64}, "^-")]:
        errs = [np.linalg.norm(Q.quantize(w, int(b), **gran).dequantize() - w64)
                / np.linalg.norm(w64) for b in bit_range]
        ax.semilogy(bit_range, errs, style, label=f"absmax, {label}")
    nf4 = np.linalg.norm(Q.quantize_nf4(w, 64).dequantize() - w64) / np.linalg.norm(w64)
    ax.semilogy([4], [nf4], "k*", ms=11, label="NF4, blocks of 64")
    ax.set(xlabel="bits per weight (before scales)", ylabel="relative RMS error",
           title="One more bit halves the error; finer scales help more")
    ax.legend(fontsize=8)

    fig2, ax = new_figure(width=5.6)
    row = int(np.argmax(np.abs(w).max(axis=1)))               # the row with the outlier
    values = w64[row]
    ax.hist(values, bins=80, color="0.75", label=f"row {row} weights")
    absmax = np.abs(values).max()
    for level in np.arange(-7, 8) * absmax / 7:
        ax.axvline(level, color="C0", lw=0.8, alpha=0.8)
    blocks = values.reshape(-1, 64)
    quiet = int(np.argmin(np.abs(blocks).max(axis=1)))        # a block without the outlier
    for level in Q.nf4_levels() * np.abs(blocks[quiet]).max():
        ax.axvline(level, color="C3", lw=0.8, ls=":", alpha=0.9)
    ax.plot([], [], color="C0", label="int4 absmax grid of the whole row")
    ax.plot([], [], color="C3", ls=":", label=f"NF4 grid of block {quiet} (64 weights)")
    ax.set(xlabel="weight", ylabel="count", title="An outlier stretches the row's grid")
    ax.legend(fontsize=8)

    by = {r[0]: r for r in table.rows}
    summary = (
        f"int8 per row keeps the error at {by['int8 absmax, per row'][2]:.2g} of the weights' "
        f"norm; 4 bits cost far more: {by['int4 absmax, per tensor'][2]:.2g} with one scale, "
        f"{by['int4 absmax, per row'][2]:.2g} per row and "
        f"{by['int4 absmax, groups of 64'][2]:.2g} with groups of 64 (4.5 bits per weight "
        f"with their scales), and NF4 {by['NF4, blocks of 64'][2]:.2g}. No value's error "
        "exceeds half a step of its grid (the ratio column). A 7-billion-parameter model "
        f"needs {by['int8 absmax, per row'][5]} GB in int8 and "
        f"{by['int4 absmax, groups of 64'][5]} GB in grouped int4, against 14 GB in 16 bits."
    )
    return DemoResult(figures={"error-vs-bits": fig, "grids": fig2}, table=table,
                      summary=summary)


# -- distillation ------------------------------------------------------------------------
TEMPERATURES = (1.0, 2.0, 4.0, 8.0)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@demo("fine-tuning", name="distillation", title="Soft targets and the T² factor")
def distillation(
    margin: Param(float, lo=1.0, hi=20.0, help="How far the teacher's top logit stands "
                  "above the rest.") = 6.0,
    seed: int = 0,
) -> DemoResult:
    """A teacher's softmax at T = 1..8 and the gradient size with and without T²."""
    rng = np.random.default_rng(seed)
    teacher = np.array([margin, 2.0, 1.5, 0.5, 0.0, -0.5, -1.0, -2.0, -2.5, -3.0])
    table = Table(["T", "teacher's top probability", "entropy (nats)",
                   "gradient norm with T²", "gradient norm without T²"])
    batch_t = rng.normal(size=(64, 10)) * 2
    batch_s = rng.normal(size=(64, 10)) * 2
    grid = np.geomspace(1, 20, 30)
    with_t2, without = [], []
    for t in grid:
        s = Tensor(batch_s, requires_grad=True)
        F.distillation_loss(s, batch_t, temperature=float(t)).backward()
        with_t2.append(np.linalg.norm(s.grad.data))
        without.append(with_t2[-1] / t ** 2)
    for t in TEMPERATURES:
        p = _softmax(teacher / t)
        s = Tensor(batch_s, requires_grad=True)
        F.distillation_loss(s, batch_t, temperature=t).backward()
        g = float(np.linalg.norm(s.grad.data))
        table.add(t, round(float(p.max()), 4), round(float(-(p * np.log(p)).sum()), 4),
                  round(g, 5), round(g / t ** 2, 5))

    fig, ax = new_figure(width=5.6)
    width = 0.8 / len(TEMPERATURES)
    for i, t in enumerate(TEMPERATURES):
        ax.bar(np.arange(10) + (i - 1.5) * width, _softmax(teacher / t), width,
               label=f"T = {t:g}")
    ax.set(xlabel="class", ylabel="teacher probability", xticks=range(10),
           title="Higher T reveals the teacher's ranking of wrong classes")
    ax.legend(fontsize=8)

    fig2, ax = new_figure(width=5.6)
    ax.loglog(grid, with_t2, label="T² · KL (Hinton)")
    ax.loglog(grid, without, label="KL alone")
    ax.set(xlabel="temperature T", ylabel="‖gradient wrt student logits‖",
           title="The T² factor keeps the gradient's size")
    ax.legend(fontsize=8)

    first, last = table.rows[0], table.rows[-1]
    summary = (
        f"At T = 1 the teacher puts {first[1]:.3f} on its top class and the wrong classes "
        f"carry almost nothing; at T = 8 the top class has {last[1]:.3f} and the entropy "
        f"rises from {first[2]:.2f} to {last[2]:.2f} nats, so the student sees which wrong "
        f"classes the teacher finds plausible. The gradient of KL alone shrinks like 1/T² "
        f"({first[4]:.3g} at T = 1, {last[4]:.3g} at T = 8); multiplied by T² it stays near "
        f"{last[3]:.3g}, so the soft and hard terms keep their balance whatever T."
    )
    return DemoResult(figures={"soft-targets": fig, "gradient-scale": fig2}, table=table,
                      summary=summary)
