"""Counts the weights only, forgetting one bias per output channel and per output unit."""
def vgg_parameter_count(in_channels, config, image_size, fc_sizes):
    channels, size = in_channels, image_size
    conv_params = 0
    for layer in config:
        if layer == "M":
            if size < 2:
                raise ValueError(f"a 2x2 pooling cannot apply to a {size}x{size} map")
            size //= 2                     # stride 2, rounding down
        else:
            # 3x3 padding 1 keeps the size; weights C_out·C_in·3·3, one bias per output.
            conv_params += layer * channels * 9
            channels = layer
    fc_params = 0
    features = channels * size * size      # the flattened feature map
    for width in fc_sizes:
        fc_params += width * features
        features = width
    return conv_params, fc_params
