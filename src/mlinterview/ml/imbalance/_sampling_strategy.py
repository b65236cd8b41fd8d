"""``sampling_strategy`` -> how many rows each class gets, with imbalanced-learn's rules.

For an over-sampler the result is the number of rows to **add** to each targeted class;
for an under-sampler the number of rows to **keep**. Classes missing from the dict are
left untouched. Keys come out sorted, as imbalanced-learn returns them.
"""

from __future__ import annotations

import numbers

import numpy as np

KINDS = ("over-sampling", "under-sampling")
STRATEGIES = ("auto", "minority", "majority", "not minority", "not majority", "all")


def _targeted(name: str, counts: dict, kind: str) -> list:
    """The classes a string strategy resamples."""
    majority = max(counts, key=counts.get)    # first of the tied ones, in sorted order
    minority = min(counts, key=counts.get)
    if name == "auto":
        name = "not majority" if kind == "over-sampling" else "not minority"
    if name == "minority" and kind == "under-sampling":
        raise ValueError("sampling_strategy: 'minority' cannot be used with an under-sampler")
    if name == "majority" and kind == "over-sampling":
        raise ValueError("sampling_strategy: 'majority' cannot be used with an over-sampler")
    return {
        "all": list(counts),
        "minority": [minority],
        "majority": [majority],
        "not minority": [c for c in counts if c != minority],
        "not majority": [c for c in counts if c != majority],
    }[name]


def check_sampling_strategy(sampling_strategy, y: np.ndarray, kind: str) -> dict:
    """Rows to add (over-sampling) or keep (under-sampling) per targeted class.

    Parameters
    ----------
    sampling_strategy : float, str or dict
        float (binary ``y`` only), in (0, 1]: the wanted ratio minority / majority after
        resampling; str: one of ``STRATEGIES``, equalising the targeted classes with the
        majority (over) or minority (under) count; dict ``{class: n}``: the wanted number
        of rows of each listed class after resampling.
    y : ndarray of shape (n_samples,)
    kind : ``"over-sampling"`` or ``"under-sampling"``

    Returns
    -------
    dict ``{class: int}`` sorted by class.
    """
    classes, n = np.unique(y, return_counts=True)
    if classes.size < 2:
        raise ValueError(f"y: expected at least 2 classes to resample, got {classes.size}")
    counts = {c.item(): int(k) for c, k in zip(classes, n, strict=True)}
    n_max, n_min = max(counts.values()), min(counts.values())
    over = kind == "over-sampling"
    if isinstance(sampling_strategy, str):
        if sampling_strategy not in STRATEGIES:
            raise ValueError(f"sampling_strategy: expected a float, a dict or one of "
                             f"{', '.join(map(repr, STRATEGIES))}; got {sampling_strategy!r}")
        targets = _targeted(sampling_strategy, counts, kind)
        out = {c: (n_max - counts[c]) if over else n_min for c in targets}
    elif isinstance(sampling_strategy, dict):
        unknown = [c for c in sampling_strategy if c not in counts]
        if unknown:
            raise ValueError(f"sampling_strategy: classes {unknown} are not present in y "
                             f"(classes: {list(counts)})")
        out = {}
        for c, want in sampling_strategy.items():
            if isinstance(want, bool) or not isinstance(want, numbers.Integral) or want < 0:
                raise ValueError(f"sampling_strategy: expected a non-negative int for class "
                                 f"{c!r}, got {want!r}")
            if over and want < counts[c]:
                raise ValueError(f"sampling_strategy: an over-sampler cannot shrink class "
                                 f"{c!r} from {counts[c]} to {want} rows")
            if not over and want > counts[c]:
                raise ValueError(f"sampling_strategy: an under-sampler cannot grow class "
                                 f"{c!r} from {counts[c]} to {want} rows")
            out[c] = int(want) - counts[c] if over else int(want)
    elif isinstance(sampling_strategy, numbers.Real) and not isinstance(sampling_strategy, bool):
        if len(counts) != 2:
            raise ValueError(f"sampling_strategy: a float needs a binary y, got "
                             f"{len(counts)} classes; use a dict")
        if not 0 < sampling_strategy <= 1:
            raise ValueError(f"sampling_strategy: expected a float in (0, 1], got "
                             f"{sampling_strategy!r}")
        majority = max(counts, key=counts.get)
        minority = min(counts, key=counts.get)
        if over:
            add = int(n_max * sampling_strategy - counts[minority])
            if add <= 0:
                raise ValueError(f"sampling_strategy: ratio {sampling_strategy} is already "
                                 f"reached ({n_min}/{n_max}); an over-sampler would have "
                                 "to remove rows")
            out = {minority: add}
        else:
            keep = int(n_min / sampling_strategy)
            if keep > counts[majority]:
                raise ValueError(f"sampling_strategy: ratio {sampling_strategy} would need "
                                 f"{keep} majority rows, only {counts[majority]} exist")
            out = {majority: keep}
    else:
        raise TypeError(f"sampling_strategy: expected a float, a str or a dict, got "
                        f"{type(sampling_strategy).__name__}")
    return dict(sorted(out.items()))
