"""Leaves the dilation out: (n - 1)s - 2p + k + output_padding."""
def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv_transpose_output_shape(input_size, kernel_size, stride=1, padding=0,
                                output_padding=0, dilation=1):
    out = []
    for n, k, s, p, op, d in zip(*map(_pair, (input_size, kernel_size, stride, padding,
                                               output_padding, dilation)), strict=True):
        if op >= max(s, d):
            raise ValueError(f"output_padding ({op}) must be smaller than the stride ({s}) "
                             f"or the dilation ({d})")
        # The inverse of the convolution size: (n - 1) strides, the dilated kernel's span
        # d(k - 1) + 1, minus the padding the convolution would have added on both sides.
        size = (n - 1) * s - 2 * p + k + op
        if size < 1:
            raise ValueError(f"the output would be empty (size {size})")
        out.append(size)
    return out[0], out[1]
