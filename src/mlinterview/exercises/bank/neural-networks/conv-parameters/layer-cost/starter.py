def conv_layer_cost(in_shape, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                    groups=1, bias=True):
    """(parameters, multiply-accumulates per image, output shape (C_out, H_out, W_out)) of a
    Conv2d layer on an input of shape (C_in, H, W)."""
    raise NotImplementedError("output size first, then the two counts")
