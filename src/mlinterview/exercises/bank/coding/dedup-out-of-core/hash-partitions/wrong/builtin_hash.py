"""Partitions with Python's built-in hash(), which is randomised per process."""
import numpy as np


def hash_partition_dedup(keys, n_partitions, keep="first"):
    partition = np.array([hash(k) % n_partitions for k in keys], dtype=np.int64)
    seen = {}
    for i, k in enumerate(keys):
        if keep == "last" or k not in seen:
            seen[k] = i
    return partition, np.sort(np.array(list(seen.values()), dtype=np.int64))
