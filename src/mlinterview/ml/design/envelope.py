"""Back-of-envelope arithmetic for an ML system design answer.

Five calculators, each a closed form an interviewer expects you to do out loud:

- :func:`request_rate`: peak requests per second from daily active users, requests per
  user and a peak-to-average factor (a day has 86,400 seconds);
- :func:`storage`: rows per day × bytes per row × retention × replication (÷ compression);
- :func:`cascade_latency` and :func:`max_candidates`: the latency of a serving cascade
  (retrieval → ranking → re-ranking), stage by stage, each a fixed overhead plus a cost per
  candidate it scores, and the largest candidate count a stage may take within a budget;
- :func:`replicas_needed`: Little's law, concurrency = arrival rate × latency, divided by
  what one replica serves at once, with headroom kept free;
- :func:`transformer_training_flops`, :func:`training_flops` and :func:`training_time`:
  ≈ 6·N·D FLOPs for a dense transformer (Kaplan et al. 2020: 2 per parameter per token
  forward, 4 backward), epochs × examples × FLOPs per example otherwise, and the GPU-hours
  at a peak FLOP/s and a model FLOPs utilisation (MFU);
- :func:`training_state_bytes` and :func:`gpus_needed`: the memory of the training state
  (16 bytes a parameter with mixed-precision Adam, Rajbhandari et al. 2020) and the GPUs a
  run needs to meet a deadline and to hold that state.

Names carry their units (``_ms``, ``_bytes``, ``_qps``, ``_hours``); results are
NamedTuples so a caller can unpack them or read fields by name. Decimal prefixes
throughout (1 GB = 10⁹ bytes), as capacity planning and cloud pricing use them.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from mlinterview.ml._validation import check_scalar

__all__ = [
    "SECONDS_PER_DAY",
    "CascadeLatency",
    "GpuPlan",
    "ReplicaPlan",
    "RequestRate",
    "Stage",
    "StorageEstimate",
    "TrainingTime",
    "cascade_latency",
    "format_bytes",
    "gpus_needed",
    "max_candidates",
    "replicas_needed",
    "request_rate",
    "storage",
    "training_flops",
    "training_state_bytes",
    "training_time",
    "transformer_training_flops",
]

SECONDS_PER_DAY = 86_400


def _positive(value, name: str, *, allow_zero: bool = False) -> float:
    """A finite real number > 0 (or >= 0), as float; the error names the argument."""
    check_scalar(value, name, numbers.Real, lo=0.0, include_lo=allow_zero)
    if not math.isfinite(value):
        raise ValueError(f"{name}: expected a finite number, got {value!r}")
    return float(value)


# -- traffic ------------------------------------------------------------------------------


class RequestRate(NamedTuple):
    """Requests a day and per second, on average and at the daily peak."""

    requests_per_day: float
    average_qps: float
    peak_qps: float


def request_rate(daily_active_users, requests_per_user, *, peak_to_average=2.0) -> RequestRate:
    """Average and peak requests per second (QPS) of a service.

    ``requests_per_day = daily_active_users × requests_per_user``; the average rate spreads
    them over the 86,400 seconds of a day, and the peak is ``peak_to_average`` times the
    average (2-3 for a consumer product with a daily cycle; size for the peak, not the
    mean).

    >>> round(request_rate(50e6, 20, peak_to_average=3).peak_qps)   # 1e9 / 86400 · 3
    34722
    """
    users = _positive(daily_active_users, "daily_active_users", allow_zero=True)
    per_user = _positive(requests_per_user, "requests_per_user", allow_zero=True)
    factor = _positive(peak_to_average, "peak_to_average")
    if factor < 1:
        raise ValueError(f"peak_to_average: expected a value >= 1 (the peak is at least "
                         f"the average), got {peak_to_average!r}")
    per_day = users * per_user
    average = per_day / SECONDS_PER_DAY
    return RequestRate(per_day, average, average * factor)


# -- storage ------------------------------------------------------------------------------


class StorageEstimate(NamedTuple):
    """Bytes written a day (one copy, before compression) and bytes held in total."""

    bytes_per_day: float
    total_bytes: float


def storage(rows_per_day, bytes_per_row, *, retention_days, replication=3,
            compression_ratio=1.0) -> StorageEstimate:
    """Storage of a log or feature table kept for ``retention_days``.

    ``total_bytes = rows_per_day × bytes_per_row × retention_days × replication /
    compression_ratio``. Replication 3 is the usual default of distributed file systems
    (HDFS, many object stores keep at least that many copies or an erasure-coded
    equivalent); ``compression_ratio`` is raw size / stored size (columnar formats often
    reach 3-10 on logs).

    >>> storage(1e9, 500, retention_days=90, replication=3).total_bytes   # 135 TB
    135000000000000.0
    """
    rows = _positive(rows_per_day, "rows_per_day", allow_zero=True)
    row_bytes = _positive(bytes_per_row, "bytes_per_row", allow_zero=True)
    days = _positive(retention_days, "retention_days", allow_zero=True)
    copies = _positive(replication, "replication")
    ratio = _positive(compression_ratio, "compression_ratio")
    if copies < 1:
        raise ValueError(f"replication: expected at least 1 copy, got {replication!r}")
    per_day = rows * row_bytes
    return StorageEstimate(per_day, per_day * days * copies / ratio)


_BYTE_UNITS = ("B", "kB", "MB", "GB", "TB", "PB", "EB")


def format_bytes(n_bytes) -> str:
    """``n_bytes`` with a decimal prefix and three significant digits: ``"135 TB"``."""
    n = _positive(n_bytes, "n_bytes", allow_zero=True)
    power = 0 if n < 1000 else min(int(math.log10(n) // 3), len(_BYTE_UNITS) - 1)
    value = n / 1000 ** power
    if f"{value:.3g}" == "1e+03" and power < len(_BYTE_UNITS) - 1:  # 999.9x rounds up
        value, power = value / 1000, power + 1
    return f"{value:.3g} {_BYTE_UNITS[power]}"


# -- serving cascade ----------------------------------------------------------------------


class Stage(NamedTuple):
    """One stage of a serving cascade: ``latency_ms = overhead_ms + per_candidate_ms × n``
    for the ``n`` candidates it scores (fetching their features included)."""

    name: str
    overhead_ms: float
    per_candidate_ms: float


class CascadeLatency(NamedTuple):
    """Per-stage and total latency of one request through the cascade (stages in order)."""

    stage_ms: np.ndarray          # (n_stages,)
    total_ms: float
    dominant_stage: str           # the stage that takes the largest share
    dominant_share: float         # its share of total_ms


def _check_stages(stages) -> list[Stage]:
    if isinstance(stages, (str, bytes)) or not isinstance(stages, Sequence) or not stages:
        raise TypeError(f"stages: expected a non-empty sequence of Stage(name, overhead_ms, "
                        f"per_candidate_ms), got {type(stages).__name__}")
    checked = []
    for i, s in enumerate(stages):
        try:
            name, overhead, per = s
        except (TypeError, ValueError):
            raise TypeError(f"stages[{i}]: expected Stage(name, overhead_ms, "
                            f"per_candidate_ms), got {s!r}") from None
        checked.append(Stage(str(name), _positive(overhead, f"stages[{i}].overhead_ms",
                                                  allow_zero=True),
                             _positive(per, f"stages[{i}].per_candidate_ms",
                                       allow_zero=True)))
    return checked


def _check_candidates(candidates, n_stages: int) -> np.ndarray:
    n = np.asarray(candidates)
    if n.shape != (n_stages,) or n.dtype.kind not in "iuf":
        raise ValueError(f"candidates: expected {n_stages} numbers, one per stage, got "
                         f"{np.asarray(candidates).tolist()!r}")
    if not np.all(np.isfinite(n)) or np.any(n < 0) or np.any(n != np.round(n)):
        raise ValueError(f"candidates: expected whole numbers >= 0, got {n.tolist()!r}")
    if np.any(np.diff(n) > 0):
        raise ValueError(f"candidates: a stage cannot score more candidates than the one "
                         f"before it passes on; expected a non-increasing sequence, got "
                         f"{n.tolist()!r}")
    return n.astype(np.float64)


def cascade_latency(stages, candidates) -> CascadeLatency:
    """Latency of a request through sequential stages.

    Parameters
    ----------
    stages : sequence of :class:`Stage` (or ``(name, overhead_ms, per_candidate_ms)``)
    candidates : array-like of shape (n_stages,), non-increasing whole numbers:
        ``candidates[i]`` is how many candidates stage ``i`` scores, i.e. what stage
        ``i - 1`` passes on (for the first stage, what it fetches from its index).

    Returns
    -------
    CascadeLatency with ``stage_ms[i] = overhead_ms[i] + per_candidate_ms[i] × candidates[i]``,
    their sum and the stage with the largest share. Stages run one after the other; work
    that runs in parallel (feature fetches, shards) belongs inside a stage's costs.

    >>> cascade_latency([Stage("retrieval", 10, 0.002), Stage("ranking", 5, 0.05)],
    ...                 [10_000, 1_000]).total_ms   # (10 + 20) + (5 + 50)
    85.0
    """
    checked = _check_stages(stages)
    n = _check_candidates(candidates, len(checked))
    overhead = np.array([s.overhead_ms for s in checked])
    per = np.array([s.per_candidate_ms for s in checked])
    stage_ms = overhead + per * n
    total = float(stage_ms.sum())
    top = int(np.argmax(stage_ms))
    return CascadeLatency(stage_ms, total, checked[top].name,
                          float(stage_ms[top] / total) if total > 0 else 0.0)


def max_candidates(stages, candidates, budget_ms, *, stage) -> int:
    """The largest number of candidates stage ``stage`` may score within ``budget_ms``.

    The other stages keep their ``candidates``; the answer is
    ``floor((budget_ms - (every other stage's latency + this stage's overhead)) /
    per_candidate_ms)``, at least 0 (0 also when even that fixed part exceeds the budget).
    ``stage`` is an index or a stage's name; its per-candidate cost must be > 0. The
    result is not clipped to the neighbours' counts: the caller checks that the stage
    still scores no more than the previous stage passes on.

    >>> max_candidates([Stage("retrieval", 10, 0.002), Stage("ranking", 5, 0.05)],
    ...                [10_000, 1_000], 100, stage="ranking")   # (100 - 30 - 5) / 0.05
    1300
    """
    checked = _check_stages(stages)
    n = _check_candidates(candidates, len(checked))
    budget = _positive(budget_ms, "budget_ms", allow_zero=True)
    names = [s.name for s in checked]
    if isinstance(stage, str):
        if stage not in names:
            raise ValueError(f"stage: expected one of {names}, got {stage!r}")
        i = names.index(stage)
    elif isinstance(stage, numbers.Integral) and not isinstance(stage, bool):
        if not -len(checked) <= stage < len(checked):
            raise ValueError(f"stage: expected an index in [0, {len(checked)}), got {stage}")
        i = int(stage) % len(checked)
    else:
        raise TypeError(f"stage: expected a stage index or name, got {type(stage).__name__}")
    if checked[i].per_candidate_ms == 0:
        raise ValueError(f"stage: {checked[i].name!r} has per_candidate_ms = 0, so any "
                         f"number of candidates fits")
    stage_ms = cascade_latency(checked, n).stage_ms
    fixed_ms = stage_ms.sum() - stage_ms[i] + checked[i].overhead_ms
    spare_ms = budget - fixed_ms
    if spare_ms <= 0:
        return 0
    # The small epsilon keeps an exact fit (spare / cost = 1300.0000000001 or 1299.99999999)
    # from losing a candidate to rounding in the division.
    return math.floor(spare_ms / checked[i].per_candidate_ms + 1e-9)


# -- replicas -----------------------------------------------------------------------------


class ReplicaPlan(NamedTuple):
    """Concurrent requests in flight (Little's law), replicas to serve them, and the
    utilisation those replicas then run at."""

    concurrency: float
    replicas: int
    utilization: float


def replicas_needed(peak_qps, latency_ms, *, concurrency_per_replica=1, headroom=0.3
                    ) -> ReplicaPlan:
    """Replicas needed to serve ``peak_qps`` at ``latency_ms`` per request.

    Little's law: requests in flight ``L = λ W`` = ``peak_qps × latency_ms / 1000``. One
    replica serves ``concurrency_per_replica`` requests at once (its batch size, worker
    threads or GPU streams), and we keep ``headroom`` of its capacity free for spikes, a
    lost zone or a deploy, so it runs at ``1 - headroom`` utilisation at the peak:

    ``replicas = ceil(L / (concurrency_per_replica × (1 - headroom)))``.

    >>> replicas_needed(35_000, 80, concurrency_per_replica=8, headroom=0.3).replicas
    500
    """
    qps = _positive(peak_qps, "peak_qps", allow_zero=True)
    latency = _positive(latency_ms, "latency_ms", allow_zero=True)
    per_replica = _positive(concurrency_per_replica, "concurrency_per_replica")
    check_scalar(headroom, "headroom", numbers.Real, lo=0.0, hi=1.0, include_hi=False)
    concurrency = qps * latency / 1000.0
    usable = per_replica * (1.0 - float(headroom))
    # The epsilon keeps 2800 / 5.6 = 500.00000000000006 at 500 replicas.
    replicas = max(1, math.ceil(concurrency / usable - 1e-9))
    return ReplicaPlan(concurrency, replicas, concurrency / (replicas * per_replica))


# -- training cost ------------------------------------------------------------------------


def transformer_training_flops(n_params, n_tokens) -> float:
    """FLOPs to train a dense transformer of ``n_params`` parameters on ``n_tokens``
    tokens: ``6 N D`` (a multiply-add per parameter per token is 2 FLOPs forward, the
    backward pass costs twice the forward; attention over the context adds a few percent
    at usual sequence lengths and is left out, as in Kaplan et al. 2020)."""
    n = _positive(n_params, "n_params", allow_zero=True)
    d = _positive(n_tokens, "n_tokens", allow_zero=True)
    return 6.0 * n * d


def training_flops(n_examples, flops_per_example, *, epochs=1) -> float:
    """FLOPs of ``epochs`` passes over ``n_examples`` examples, each costing
    ``flops_per_example`` to train on (forward + backward, about 3 × the forward FLOPs)."""
    n = _positive(n_examples, "n_examples", allow_zero=True)
    per = _positive(flops_per_example, "flops_per_example", allow_zero=True)
    e = _positive(epochs, "epochs", allow_zero=True)
    return e * n * per


class TrainingTime(NamedTuple):
    """GPU-hours, wall-clock hours and (if a price was given) cost of a training run."""

    flops: float
    gpu_hours: float
    wall_clock_hours: float
    cost: float | None


def training_time(flops, *, peak_flops_per_gpu, mfu=0.4, n_gpus=1,
                  price_per_gpu_hour=None) -> TrainingTime:
    """Time to spend ``flops`` on ``n_gpus`` GPUs of ``peak_flops_per_gpu`` FLOP/s each,
    at model FLOPs utilisation ``mfu`` (achieved / peak; 0.3-0.5 for well-tuned large
    runs, lower for small models and communication-heavy set-ups).

    ``gpu_hours = flops / (peak_flops_per_gpu × mfu) / 3600``; the wall clock divides by
    ``n_gpus`` (perfect scaling is already inside ``mfu``); ``cost = gpu_hours ×
    price_per_gpu_hour``.

    >>> round(training_time(6 * 7e9 * 1e12, peak_flops_per_gpu=989e12, mfu=0.4).gpu_hours)
    29491
    """
    total = _positive(flops, "flops", allow_zero=True)
    peak = _positive(peak_flops_per_gpu, "peak_flops_per_gpu")
    check_scalar(mfu, "mfu", numbers.Real, lo=0.0, hi=1.0, include_lo=False)
    check_scalar(n_gpus, "n_gpus", numbers.Integral, lo=1)
    gpu_hours = total / (peak * float(mfu)) / 3600.0
    cost = None
    if price_per_gpu_hour is not None:
        cost = gpu_hours * _positive(price_per_gpu_hour, "price_per_gpu_hour",
                                     allow_zero=True)
    return TrainingTime(total, gpu_hours, gpu_hours / int(n_gpus), cost)


def training_state_bytes(n_params, *, bytes_per_param=16) -> float:
    """Bytes of the training state of ``n_params`` parameters: 16 a parameter for
    mixed-precision Adam (2 for the bf16/fp16 weights, 2 for their gradients, 4 for the
    fp32 master copy, 4 + 4 for Adam's two moments; Rajbhandari et al. 2020, ZeRO).
    Activations come on top and depend on batch size, sequence length and checkpointing."""
    n = _positive(n_params, "n_params", allow_zero=True)
    return n * _positive(bytes_per_param, "bytes_per_param")


class GpuPlan(NamedTuple):
    """GPUs needed to finish by the deadline, to hold the training state, and the larger."""

    gpus_for_time: int
    gpus_for_memory: int
    n_gpus: int


def gpus_needed(gpu_hours, *, deadline_hours, state_bytes, memory_bytes_per_gpu) -> GpuPlan:
    """The smallest number of GPUs that both finishes ``gpu_hours`` of work within
    ``deadline_hours`` (``ceil(gpu_hours / deadline_hours)``, perfect scaling assumed, as in
    :func:`training_time`) and holds ``state_bytes`` fully sharded across their memory
    (``ceil(state_bytes / memory_bytes_per_gpu)``, as ZeRO-3/FSDP shards it).

    >>> gpus_needed(29_491, deadline_hours=7 * 24, state_bytes=training_state_bytes(7e9),
    ...             memory_bytes_per_gpu=80e9)
    GpuPlan(gpus_for_time=176, gpus_for_memory=2, n_gpus=176)
    """
    work = _positive(gpu_hours, "gpu_hours", allow_zero=True)
    deadline = _positive(deadline_hours, "deadline_hours")
    state = _positive(state_bytes, "state_bytes", allow_zero=True)
    memory = _positive(memory_bytes_per_gpu, "memory_bytes_per_gpu")
    # The epsilons keep an exact fit (float quotients like 500.00000000000006) at 500.
    for_time = max(1, math.ceil(work / deadline - 1e-9))
    for_memory = max(1, math.ceil(state / memory - 1e-9))
    return GpuPlan(for_time, for_memory, max(for_time, for_memory))
