"""Concatenates each partition's survivors without sorting back into file order."""
import zlib

import numpy as np


def hash_partition_dedup(keys, n_partitions, keep="first"):
    partition = np.array([zlib.crc32(k.encode("utf-8")) % n_partitions for k in keys],
                         dtype=np.int64)
    kept = []
    for p in range(n_partitions):
        seen = {}
        for i in np.flatnonzero(partition == p):
            if keep == "last" or keys[i] not in seen:
                seen[keys[i]] = int(i)
        kept.extend(seen.values())
    return partition, np.array(kept, dtype=np.int64)
