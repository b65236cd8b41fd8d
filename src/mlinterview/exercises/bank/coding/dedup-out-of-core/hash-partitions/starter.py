import zlib

import numpy as np


def hash_partition_dedup(keys, n_partitions, keep="first"):
    """Partition rows by a CRC-32 of their key, de-duplicate each partition, merge.

    Parameters
    ----------
    keys : list of str, the key of each row
    n_partitions : int >= 1
    keep : {"first", "last"}, which occurrence of each key survives

    Returns
    -------
    (partition, kept) : int arrays; partition (n,) = crc32(key) % n_partitions,
        kept = the surviving row numbers, increasing
    """
    raise NotImplementedError("hash each key, then one dict per partition")
