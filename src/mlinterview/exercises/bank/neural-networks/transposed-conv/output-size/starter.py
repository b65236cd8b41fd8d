def conv_transpose_output_shape(input_size, kernel_size, stride=1, padding=0,
                                output_padding=0, dilation=1):
    """(H_out, W_out) of a ConvTranspose2d layer; every argument an int or a pair.
    ValueError for output_padding >= max(stride, dilation) or an empty output."""
    raise NotImplementedError("(n - 1) s - 2p + d (k - 1) + output_padding + 1, per axis")
