"""PyTorch's rule for the dtypes of a layer: the input must have the parameters' dtype.

A float32 ``Linear`` given float64 input would silently compute in float64 under NumPy's
type promotion (and a float64 model given float32 input in float64 too, hiding the cast).
PyTorch refuses both (``RuntimeError: mat1 and mat2 must have the same dtype, but got
Double and Float``) and so do we, naming both dtypes. The one exception is PyTorch's CPU
mixed precision for normalisation: float16 input with float32 ``BatchNorm``/``LayerNorm``
parameters is allowed (the output stays float16).

The error is a ``TypeError``, not PyTorch's ``RuntimeError``: in this library a wrong
kind of input is a ``TypeError`` (embedding's non-integer indices, non-numeric tensor data)
and a wrong shape a ``ValueError``, where PyTorch raises ``RuntimeError`` for both; our
``RuntimeError`` is kept for misuse of the autograd graph (backward through a freed graph,
``requires_grad`` on an integer tensor). So a caller catches the same exceptions here as
everywhere else in :mod:`mlinterview.ml`.
"""

from __future__ import annotations

import numpy as np

# PyTorch's names for the dtypes, so its users recognise the message.
_TORCH_NAMES = {"float16": "Half", "float32": "Float", "float64": "Double", "int64": "Long",
                "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
                "bool": "Bool"}


def _dtype(x) -> np.dtype:
    dtype = getattr(x, "dtype", None)
    return np.dtype(dtype) if dtype is not None else np.asarray(x).dtype


def _name(dtype: np.dtype) -> str:
    torch_name = _TORCH_NAMES.get(dtype.name)
    return f"{dtype.name} ({torch_name})" if torch_name else dtype.name


def check_input_dtype(op: str, input, tensors: dict[str, object], *,
                      half_input_ok: bool = False, input_name: str = "input") -> None:
    """Raise ``TypeError`` unless ``input`` and every tensor of ``tensors`` share a dtype.

    ``tensors`` maps names (``"weight"``, ``"bias"``, ``"h0"``) to the layer's tensors;
    ``None`` entries (no bias) are skipped. The parameters are checked against the first
    one, then the input against them. ``half_input_ok``: float16 input may meet float32
    tensors (normalisation layers, as in PyTorch on the CPU). ``input_name`` names the
    input in the message (``"h0"`` for a recurrent layer's initial state).
    """
    present = {k: _dtype(v) for k, v in tensors.items() if v is not None}
    if not present:
        return
    first, expected = next(iter(present.items()))
    for name, dtype in present.items():
        if dtype != expected:
            raise TypeError(f"{op}: {name} has dtype {_name(dtype)} but {first} has dtype "
                            f"{_name(expected)}; a layer's tensors must share one dtype")
    got = _dtype(input)
    if got == expected or (half_input_ok and got == np.float16 and expected == np.float32):
        return
    fix = f"convert the {input_name} ({input_name}.to(np.{expected.name}))"
    if got.kind == "f":
        fix += f" or build the layer with dtype=np.{got.name}"
    raise TypeError(f"{op}: {input_name} has dtype {_name(got)} but {first} has dtype "
                    f"{_name(expected)}; {fix}")


def check_floating_input(op: str, input) -> None:
    """Raise ``TypeError`` unless ``input`` holds floating-point numbers (a layer without
    parameters still cannot normalise integers)."""
    got = _dtype(input)
    if got.kind != "f":
        raise TypeError(f"{op}: expected floating-point input, got dtype {_name(got)}")
