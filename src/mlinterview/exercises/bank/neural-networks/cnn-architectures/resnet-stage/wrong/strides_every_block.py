"""Applies the stride in every block, not only in the first one."""
def _conv3x3_size(size, stride):
    return (size + 2 - 3) // stride + 1


def resnet_stage(in_shape, out_channels, num_blocks, stride):
    channels, h, w = in_shape
    shapes = []
    params = 0
    for block in range(num_blocks):
        s = stride       # only the first block downsamples
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
