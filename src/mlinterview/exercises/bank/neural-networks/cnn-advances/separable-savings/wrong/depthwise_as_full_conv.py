"""Counts the depthwise layer as a full C_in -> C_in convolution (C_in * C_in * k^2), as if
it had groups = 1."""
def separable_savings(c_in, c_out, kernel_size, bias=False):
    if isinstance(kernel_size, int):
        kh = kw = kernel_size
    else:
        kh, kw = kernel_size
    standard = c_out * c_in * kh * kw + (c_out if bias else 0)
    # Depthwise: one kh x kw filter per input channel (groups = C_in), C_in outputs.
    depthwise = c_in * c_in * kh * kw + (c_in if bias else 0)
    # Pointwise: a 1x1 convolution from C_in to C_out channels.
    pointwise = c_out * c_in + (c_out if bias else 0)
    separable = depthwise + pointwise
    return standard, separable, separable / standard
