def conv2d_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1):
    """(H_out, W_out) of a Conv2d layer; every argument is an int or a pair (h, w).

    Raise ValueError when the output would be empty.
    """
    raise NotImplementedError("apply the output-size formula to height and width")
