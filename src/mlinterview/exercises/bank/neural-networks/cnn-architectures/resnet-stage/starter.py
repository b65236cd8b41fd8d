def resnet_stage(in_shape, out_channels, num_blocks, stride):
    """([(C, H, W) after each basic block], trainable parameters) of a ResNet stage whose
    first block has the given stride (projection shortcut when the shape changes)."""
    raise NotImplementedError("follow the shape block by block, counting every layer")
