"""Identifies rows by their CRC-32 instead of their key: colliding keys are merged."""
import zlib

import numpy as np


def hash_partition_dedup(keys, n_partitions, keep="first"):
    hashes = [zlib.crc32(k.encode("utf-8")) for k in keys]
    partition = np.array([h % n_partitions for h in hashes], dtype=np.int64)
    seen = {}
    for i, h in enumerate(hashes):
        if keep == "last" or h not in seen:
            seen[h] = i
    return partition, np.sort(np.array(list(seen.values()), dtype=np.int64))
