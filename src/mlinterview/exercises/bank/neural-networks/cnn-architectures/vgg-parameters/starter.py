def vgg_parameter_count(in_channels, config, image_size, fc_sizes):
    """(conv_params, fc_params) of a VGG-style net: ints in `config` are 3x3 convs (padding
    1, bias), "M" is a 2x2/2 max pool; then fully connected layers of widths fc_sizes."""
    raise NotImplementedError("walk the config tracking channels and size, then the classifier")
