"""Weight quantisation to int8 and 4 bits: scales, zero points, granularity, the error.

A b-bit quantiser stores each number as an integer q in [qmin, qmax] and one floating-point
``scale`` (and ``zero_point``) for a whole block of numbers::

    q = clamp(round(x / scale) + zero_point, qmin, qmax)        # quantise
    x̂ = (q - zero_point) · scale                                # dequantise

Rounding to the nearest grid point makes the error of every value inside the grid's range
at most ``scale / 2``; values outside it are clipped. Two ways to choose the grid:

- **symmetric (absmax)**: ``zero_point = 0``, ``scale = max|x| / qmax`` with the restricted
  range ``[-qmax, qmax]``, ``qmax = 2^(b-1) - 1`` (127 for int8, 7 for int4). Zero is
  exact; one sign's half of the range is wasted when the data are one-sided (after a ReLU).
- **asymmetric (zero point)**: ``[qmin, qmax] = [0, 2^b - 1]``; the grid spans
  ``[min(x, 0), max(x, 0)]``: ``scale = (max - min) / (2^b - 1)`` and the integer zero
  point ``round(-min / scale)`` makes 0.0 exactly representable (zero padding and ReLU
  zeros stay exact). One more parameter per block, no wasted half.

and at which **granularity** one scale is shared:

- per tensor: one scale; an outlier anywhere inflates every value's error;
- per channel (``axis``): one scale per output row of a weight matrix (``axis=0``);
- per group (``group_size``): one scale per run of ``group_size`` consecutive values along
  the last axis (64 or 128 in GPTQ, AWQ and bitsandbytes' 4-bit formats).

``quantize_nf4`` is QLoRA's NormalFloat-4: block-wise absmax scaling to [-1, 1], then the
nearest of 16 levels placed at quantiles of a standard normal, which suits weights that are
roughly Gaussian better than 16 evenly spaced levels.

The formulas follow PyTorch's (``torch.quantize_per_tensor``, ``fake_quantize_per_*``,
``torch.ao.quantization.MinMaxObserver``): round half to even of ``x · (1 / scale)``, a
scale floored at float32's machine epsilon so that an all-zero block does not divide by 0.
``fake_quantize_*`` are autograd ops (quantise then dequantise) whose backward is the
straight-through estimator used for quantisation-aware training.

References: Jacob et al., "Quantization and Training of Neural Networks for Efficient
Integer-Arithmetic-Only Inference", CVPR 2018 (affine scheme, zero points); Dettmers et al.,
"LLM.int8()", NeurIPS 2022 (absmax, outliers); Dettmers et al., "QLoRA", NeurIPS 2023
(NF4, block-wise scales).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlinterview.ml.autograd import Function, Tensor

__all__ = [
    "SCHEMES",
    "QuantizedTensor",
    "choose_qparams",
    "dequantize",
    "fake_quantize_per_channel_affine",
    "fake_quantize_per_tensor_affine",
    "nf4_levels",
    "qrange",
    "quantize",
    "quantize_nf4",
    "quantize_per_channel",
    "quantize_per_tensor",
]

#: The two ways of placing the integer grid (see the module docstring).
SCHEMES = ("symmetric", "asymmetric")

# PyTorch's observers floor the scale at float32's epsilon: an all-zero block gets a tiny
# scale instead of a division by zero (its values still quantise to exactly 0).
_EPS = float(np.finfo(np.float32).eps)


def qrange(bits: int, scheme: str = "symmetric") -> tuple[int, int]:
    """The integer range (qmin, qmax) of a ``bits``-bit grid.

    symmetric: ``(-(2^(b-1) - 1), 2^(b-1) - 1)`` (int8: -127..127, int4: -7..7; the
    restricted range keeps the grid symmetric about 0, as LLM.int8() does); asymmetric:
    ``(0, 2^b - 1)`` (uint8: 0..255, uint4: 0..15).
    """
    if isinstance(bits, bool) or not isinstance(bits, int | np.integer) or not 2 <= bits <= 16:
        raise ValueError(f"bits must be an integer in [2, 16], got {bits!r}")
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}, got {scheme!r}")
    if scheme == "symmetric":
        qmax = 2 ** (int(bits) - 1) - 1
        return -qmax, qmax
    return 0, 2 ** int(bits) - 1


def _float_array(x, name: str) -> np.ndarray:
    arr = x.data if isinstance(x, Tensor) else np.asarray(x)
    if arr.dtype.kind not in "fiu" or arr.dtype.kind == "b":
        raise TypeError(f"{name}: expected real numbers, got dtype {arr.dtype}")
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    if arr.size == 0:
        raise ValueError(f"{name}: expected a non-empty array, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: expected finite values (NaN or inf has no grid point)")
    return arr


def _grouped(x: np.ndarray, group_size: int) -> np.ndarray:
    """View ``x`` (..., n) as (..., n / group_size, group_size)."""
    if isinstance(group_size, bool) or not isinstance(group_size, int | np.integer) \
            or group_size < 1:
        raise ValueError(f"group_size must be a positive integer, got {group_size!r}")
    if x.ndim == 0 or x.shape[-1] % group_size:
        raise ValueError(f"group_size {group_size} must divide the last dimension, got shape "
                         f"{x.shape}")
    return x.reshape(*x.shape[:-1], x.shape[-1] // group_size, group_size)


def _reduce_axes(x: np.ndarray, axis: int | None, group_size: int | None):
    """(the array to reduce, the axes to reduce over) for a granularity."""
    if group_size is not None:
        if axis is not None:
            raise ValueError("pass either axis (per channel) or group_size (per group), not "
                             "both: groups run along the last axis within each row")
        return _grouped(x, group_size), (-1,)
    if axis is None:
        return x, None
    if not isinstance(axis, int | np.integer) or not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis must be an integer in [-{x.ndim}, {x.ndim}) for shape "
                         f"{x.shape}, got {axis!r}")
    return x, tuple(a for a in range(x.ndim) if a != axis % x.ndim)


def choose_qparams(x, bits: int = 8, scheme: str = "symmetric", axis: int | None = None,
                   group_size: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The (scale, zero_point) that map the range of ``x`` onto a ``bits``-bit grid.

    Args:
        x: array of any shape (a weight matrix is (out_features, in_features)).
        bits: bits per value (8 for int8, 4 for int4).
        scheme: ``"symmetric"`` (absmax, zero point 0) or ``"asymmetric"`` (min/max
            with an integer zero point); see :data:`SCHEMES`.
        axis: one scale per index of this axis (per channel); ``None`` for one per tensor.
        group_size: one scale per run of this many values along the last axis.

    Returns:
        ``scale`` (float, x's dtype) and ``zero_point`` (int32), shaped to broadcast
        against ``x`` — per tensor ``()``, per channel ``x``'s shape with 1 everywhere
        but ``axis`` — or, per group, against ``x`` reshaped to (..., n / g, g).

    The range always includes 0 (as PyTorch's observers do): symmetric
    ``scale = max|x| / qmax``; asymmetric ``scale = (max(x, 0) - min(x, 0)) / (qmax - qmin)``
    and ``zero_point = qmin - round(min(x, 0) / scale)``.
    """
    arr = _float_array(x, "x")
    qmin, qmax = qrange(bits, scheme)
    work, axes = _reduce_axes(arr, axis, group_size)
    lo = np.minimum(work.min(axis=axes, keepdims=axes is not None), 0).astype(arr.dtype)
    hi = np.maximum(work.max(axis=axes, keepdims=axes is not None), 0).astype(arr.dtype)
    if scheme == "symmetric":
        scale = np.maximum(-lo, hi) / arr.dtype.type((qmax - qmin) / 2)
        scale = np.maximum(scale, _EPS).astype(arr.dtype)
        zero_point = np.zeros(scale.shape, dtype=np.int32)
    else:
        scale = np.maximum((hi - lo) / arr.dtype.type(qmax - qmin), _EPS).astype(arr.dtype)
        zero_point = np.clip(qmin - np.round(lo / scale), qmin, qmax).astype(np.int32)
    return np.asarray(scale), np.asarray(zero_point)


def _storage_dtype(qmin: int, qmax: int):
    if qmin >= 0:
        return np.uint8 if qmax <= 255 else np.uint16
    return np.int8 if qmax <= 127 else np.int16


def _quantize_array(x: np.ndarray, scale, zero_point, qmin: int, qmax: int) -> np.ndarray:
    """clamp(round(x · (1/scale)) + zero_point, qmin, qmax) as int64 (PyTorch's formula:
    multiply by the reciprocal, round half to even)."""
    inv = (1.0 / np.asarray(scale, dtype=x.dtype)).astype(x.dtype)
    q = np.rint(x * inv) + np.asarray(zero_point)
    return np.clip(q, qmin, qmax).astype(np.int64)


def _check_qrange(quant_min: int, quant_max: int) -> None:
    if not quant_min < quant_max:
        raise ValueError(f"quant_min must be below quant_max, got {quant_min} and {quant_max}")


def quantize_per_tensor(input, scale: float, zero_point: int, quant_min: int = -128,
                        quant_max: int = 127) -> np.ndarray:
    """Integers ``clamp(round(input / scale) + zero_point, quant_min, quant_max)`` (int64,
    the shape of ``input``): the values ``torch.quantize_per_tensor(...).int_repr()`` holds."""
    x = _float_array(input, "input")
    if not np.isfinite(scale) or scale <= 0:
        raise ValueError(f"scale must be a positive finite number, got {scale!r}")
    _check_qrange(quant_min, quant_max)
    return _quantize_array(x, x.dtype.type(scale), int(zero_point), quant_min, quant_max)


def _channel_shape(x: np.ndarray, values, axis: int, name: str) -> np.ndarray:
    v = np.asarray(values)
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis must be in [-{x.ndim}, {x.ndim}) for shape {x.shape}, "
                         f"got {axis}")
    if v.shape != (x.shape[axis],):
        raise ValueError(f"{name}: expected one value per channel, shape "
                         f"({x.shape[axis]},), got {v.shape}")
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    return v.reshape(shape)


def quantize_per_channel(input, scales, zero_points, axis: int, quant_min: int = -128,
                         quant_max: int = 127) -> np.ndarray:
    """Integers with one (scale, zero point) per index of ``axis`` (int64, ``input``'s
    shape), as ``torch.quantize_per_channel(...).int_repr()``."""
    x = _float_array(input, "input")
    s = _channel_shape(x, scales, axis, "scales").astype(x.dtype)
    if not np.all(s > 0):
        raise ValueError("scales must be positive")
    _check_qrange(quant_min, quant_max)
    zp = _channel_shape(x, zero_points, axis, "zero_points").astype(np.int64)
    return _quantize_array(x, s, zp, quant_min, quant_max)


@dataclass(frozen=True)
class QuantizedTensor:
    """Integers and the scales that turn them back into numbers.

    Attributes:
        int_repr: the integers, ``shape`` (one value per byte, even for 4 bits; real 4-bit
            formats pack two per byte, which :attr:`nbytes` counts).
        scale, zero_point: broadcast against ``int_repr`` (or, per group, against it
            reshaped to (..., n / group_size, group_size)).
        bits, scheme: the grid (``"symmetric"``, ``"asymmetric"`` or ``"nf4"``).
        axis, group_size: the granularity (both ``None``: per tensor).
        codebook: NF4's 16 levels (``int_repr`` indexes them), else ``None``.
    """

    int_repr: np.ndarray
    scale: np.ndarray
    zero_point: np.ndarray
    bits: int
    scheme: str
    axis: int | None = None
    group_size: int | None = None
    codebook: np.ndarray | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        return self.int_repr.shape

    def dequantize(self) -> np.ndarray:
        """x̂ = (q - zero_point) · scale (NF4: codebook[q] · absmax), in the scale's dtype."""
        q = self.int_repr
        if self.group_size is not None:
            q = _grouped(q, self.group_size)
        if self.codebook is not None:
            values = self.codebook.astype(self.scale.dtype)[q] * self.scale
        else:
            dtype = self.scale.dtype
            values = (q.astype(dtype) - self.zero_point.astype(dtype)) * self.scale
        return values.reshape(self.shape)

    @property
    def nbytes(self) -> int:
        """Storage in bytes: ``bits`` per value packed, 4 per float32 scale, and one byte
        per zero point (asymmetric only)."""
        n = int(np.prod(self.shape))
        extra = self.scale.size * 4
        if self.scheme == "asymmetric":
            extra += self.zero_point.size
        return -(-n * self.bits // 8) + extra

    @property
    def bits_per_value(self) -> float:
        """Average storage per value, scales included (4.5 for int4 with groups of 64)."""
        return 8 * self.nbytes / int(np.prod(self.shape))


def quantize(x, bits: int = 8, scheme: str = "symmetric", axis: int | None = None,
             group_size: int | None = None) -> QuantizedTensor:
    """Quantise ``x`` to ``bits`` bits with the parameters of :func:`choose_qparams`.

    Every value's reconstruction error ``|x - dequantize(quantize(x))|`` is at most
    ``scale / 2`` of its block (the grid covers the block's range, so nothing is clipped).

    >>> qt = quantize(np.array([-1.0, 0.2, 0.5]), bits=8)       # scale = 1 / 127
    >>> qt.int_repr.tolist()
    [-127, 25, 64]
    """
    arr = _float_array(x, "x")
    qmin, qmax = qrange(bits, scheme)
    scale, zero_point = choose_qparams(arr, bits, scheme, axis, group_size)
    work = arr if group_size is None else _grouped(arr, group_size)
    q = _quantize_array(work, scale, zero_point, qmin, qmax).reshape(arr.shape)
    return QuantizedTensor(q.astype(_storage_dtype(qmin, qmax)), scale, zero_point, int(bits),
                           scheme, axis if axis is None else int(axis) % arr.ndim, group_size)


def dequantize(qt: QuantizedTensor) -> np.ndarray:
    """The values a :class:`QuantizedTensor` stands for (see its ``dequantize``)."""
    if not isinstance(qt, QuantizedTensor):
        raise TypeError(f"qt: expected a QuantizedTensor, got {type(qt).__name__}")
    return qt.dequantize()


def nf4_levels() -> np.ndarray:
    """QLoRA's 16 NormalFloat-4 levels in [-1, 1], ascending (float64).

    8 positive levels at the standard normal's quantiles of ``linspace(δ, 1/2, 9)`` (the
    last, 0, dropped), 7 negative ones at those of ``linspace(δ, 1/2, 8)``, and an exact 0,
    all divided by the largest; δ = 0.9677083 keeps the outermost quantile finite. The
    asymmetry (8 positive, 7 negative) is what gives 0 its own code in 4 bits.
    """
    from scipy.stats import norm

    offset = 0.9677083
    positive = norm.ppf(np.linspace(offset, 0.5, 9)[:-1])
    negative = -norm.ppf(np.linspace(offset, 0.5, 8)[:-1])
    levels = np.sort(np.concatenate([positive, [0.0], negative]))
    return levels / levels.max()


def quantize_nf4(x, block_size: int = 64) -> QuantizedTensor:
    """NF4: per block of ``block_size`` values along the last axis, divide by the block's
    absmax, then store the index of the nearest :func:`nf4_levels` level (4 bits)."""
    arr = _float_array(x, "x")
    blocks = _grouped(arr, block_size)
    absmax = np.maximum(np.abs(blocks).max(axis=-1, keepdims=True), _EPS).astype(arr.dtype)
    levels = nf4_levels()
    normed = blocks / absmax
    # Nearest level: compare with the midpoints between consecutive levels (sorted).
    idx = np.searchsorted((levels[1:] + levels[:-1]) / 2, normed)
    return QuantizedTensor(idx.reshape(arr.shape).astype(np.uint8), absmax,
                           np.zeros(absmax.shape, dtype=np.int32), 4, "nf4",
                           group_size=block_size, codebook=levels)


# -- fake quantisation: quantise-dequantise in the forward pass, straight through backward --
class _FakeQuantize(Function):
    """(clamp(round(x / s) + z, qmin, qmax) - z) · s. Rounding has zero derivative almost
    everywhere, so backward uses the straight-through estimator: the gradient passes
    unchanged where the value fell inside the grid and is 0 where it was clipped."""

    def forward(self, x, scale, zero_point, quant_min, quant_max):
        inv = (1.0 / scale).astype(x.dtype)
        q = np.rint(x * inv) + zero_point
        self.inside = (q >= quant_min) & (q <= quant_max)
        return ((np.clip(q, quant_min, quant_max) - zero_point) * scale).astype(x.dtype)

    def backward(self, g):
        return (g * self.inside,)


def _tensor_input(input) -> Tensor:
    if not isinstance(input, Tensor):
        raise TypeError(f"input: expected a Tensor, got {type(input).__name__}")
    if input.dtype.kind != "f":
        raise TypeError(f"input: expected a floating-point Tensor, got dtype {input.dtype}")
    return input


def fake_quantize_per_tensor_affine(input: Tensor, scale: float, zero_point: int,
                                    quant_min: int, quant_max: int) -> Tensor:
    """Quantise and dequantise ``input`` (any shape) in the forward pass, as
    ``torch.fake_quantize_per_tensor_affine``; the backward is straight-through."""
    x = _tensor_input(input)
    if not np.isfinite(scale) or scale <= 0:
        raise ValueError(f"scale must be a positive finite number, got {scale!r}")
    _check_qrange(quant_min, quant_max)
    return _FakeQuantize.apply(x, np.asarray(scale, dtype=x.dtype), int(zero_point),
                               quant_min, quant_max)


def fake_quantize_per_channel_affine(input: Tensor, scale, zero_point, axis: int,
                                     quant_min: int, quant_max: int) -> Tensor:
    """Per-channel fake quantisation (one scale and zero point per index of ``axis``), as
    ``torch.fake_quantize_per_channel_affine``; straight-through backward."""
    x = _tensor_input(input)
    s = _channel_shape(x.data, scale, axis, "scale").astype(x.dtype)
    if not np.all(s > 0):
        raise ValueError("scale must be positive")
    _check_qrange(quant_min, quant_max)
    zp = _channel_shape(x.data, zero_point, axis, "zero_point").astype(np.int64)
    return _FakeQuantize.apply(x, s, zp, quant_min, quant_max)
