"""Rounds the division up (ceil) instead of down: counts a last window that does not fit."""
import math


def _pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def conv2d_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for n, k, s, p, d in zip(*map(_pair, (input_size, kernel_size, stride, padding,
                                          dilation)), strict=True):
        size = math.ceil((n + 2 * p - d * (k - 1) - 1) / s) + 1
        if size <= 0:
            raise ValueError("empty output")
        out.append(size)
    return tuple(out)
