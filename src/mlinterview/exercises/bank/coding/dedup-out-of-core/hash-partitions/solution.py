import zlib

import numpy as np


def hash_partition_dedup(keys, n_partitions, keep="first"):
    """(partition (n,), kept rows, increasing) of a hash-partitioned de-duplication."""
    # A hash that is the same in every process (unlike the built-in hash of a str).
    partition = np.array([zlib.crc32(k.encode("utf-8")) % n_partitions for k in keys],
                         dtype=np.int64)
    rows = np.arange(len(keys))
    kept = []
    for p in range(n_partitions):
        # Only this partition's keys are needed at once: equal keys share a partition.
        first = {}
        for i in rows[partition == p]:
            key = keys[i]
            if keep == "last" or key not in first:
                first[key] = i                   # "last" overwrites, "first" never does
        kept.extend(first.values())
    # Partitions interleave in the file: sorting restores the original order.
    return partition, np.sort(np.array(kept, dtype=np.int64))
