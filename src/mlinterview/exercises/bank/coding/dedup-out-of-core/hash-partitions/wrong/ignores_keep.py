"""Always keeps the first occurrence, whatever keep says."""
import zlib

import numpy as np


def hash_partition_dedup(keys, n_partitions, keep="first"):
    partition = np.array([zlib.crc32(k.encode("utf-8")) % n_partitions for k in keys],
                         dtype=np.int64)
    kept = []
    for p in range(n_partitions):
        seen = {}
        for i in np.flatnonzero(partition == p):
            seen.setdefault(keys[i], int(i))
        kept.extend(seen.values())
    return partition, np.sort(np.array(kept, dtype=np.int64))
