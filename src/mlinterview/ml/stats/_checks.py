"""Input checks shared by the ``ml.stats`` modules (on top of ``ml/_validation.py``)."""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import as_array, check_finite


def real_array(value: object, name: str, *, finite: bool = True) -> np.ndarray:
    """``value`` as a float64 array of real numbers (bools count as 0/1); strings, objects
    and complex numbers raise ``TypeError`` naming ``name``, NaN and inf ``ValueError``."""
    arr = as_array(value, name)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected real numbers, got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    return check_finite(arr, name) if finite else arr


