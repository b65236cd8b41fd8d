"""Cases for dedup-out-of-core/hash-partitions.

The kept rows come from mlinterview.algo.dedup.dedup (the native engine, checked against
DuckDB and a brute force in tests/algo/test_dedup.py): the keys are written to a JSONL file
with their row number, de-duplicated on the key column, and the row numbers read back.
The partition numbers are CRC-32 values, computed with zlib. The fixed cases are worked by
hand.
"""

import json
import tempfile
import zlib
from pathlib import Path

import numpy as np

from mlinterview.algo.dedup import dedup
from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits


def reference(keys, n_partitions, keep="first"):
    partition = np.array([zlib.crc32(k.encode("utf-8")) % n_partitions for k in keys],
                         dtype=np.int64)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp, "rows.jsonl"), Path(tmp, "out.jsonl")
        src.write_text("".join(json.dumps({"k": k, "i": i}) + "\n" for i, k in enumerate(keys)),
                       encoding="utf-8")
        dedup(src, dst, key=["k"], keep=keep, memory_limit="1MB")
        lines = dst.read_text(encoding="utf-8").splitlines()
    kept = np.array([json.loads(line)["i"] for line in lines], dtype=np.int64)
    return partition, kept


def _i(*values):
    return np.array(values, dtype=np.int64)


def fixed():
    return [
        Case((["b", "a", "b", "c", "a"], 2), note="the statement's example",
             expected=(_i(1, 1, 1, 1, 1), _i(0, 1, 3))),
        Case((["b", "a", "b", "c", "a"], 2, "last"), note="the example, keep='last'",
             expected=(_i(1, 1, 1, 1, 1), _i(2, 3, 4))),
        Case((["b", "a", "b", "c", "a"], 3), note="three partitions: they interleave",
             expected=(_i(2, 0, 2, 0, 0), _i(0, 1, 3))),
        Case(([], 4), note="no rows", expected=(_i(), _i())),
        Case((["x", "x ", "X", "x"], 1), note="exact comparison: spaces and case matter",
             expected=(_i(0, 0, 0, 0), _i(0, 1, 2))),
        Case((["plumless", "buckeroo", "plumless", "buckeroo"], 5),
             note="a CRC-32 collision: same partition, different keys",
             expected=(_i(0, 0, 0, 0), _i(0, 1))),
        Case((["plumless", "buckeroo", "plumless", "buckeroo"], 5, "last"),
             note="the collision, keep='last'", expected=(_i(0, 0, 0, 0), _i(2, 3))),
        Case((["", "", "é", "e"], 7), note="an empty key and a non-ASCII one (UTF-8 bytes)",
             expected=(_i(0, 0, zlib.crc32("é".encode()) % 7, zlib.crc32(b"e") % 7),
                       _i(0, 2, 3))),
        Case((["q"] * 6, 3, "last"), note="one key six times, keep='last'",
             expected=(_i(*[zlib.crc32(b"q") % 3] * 6), _i(5))),
    ]


def generated(rng):
    cases = []
    words = ["alpha", "beta", "gamma", "delta", "x", "x ", "X", "", "naïve", "plumless",
             "buckeroo", "ε"]
    for i in range(22):
        n = int(rng.integers(1, 400))
        n_distinct = int(rng.integers(1, max(2, n)))
        pool = words + [f"key{j}" for j in range(n_distinct)]
        keys = [pool[j] for j in rng.integers(0, len(pool), n)]
        n_partitions = int(rng.integers(1, 12))
        keep = "first" if i % 2 else "last"
        cases.append(Case((keys, n_partitions, keep),
                          note=f"{n} rows, {n_partitions} partitions, keep={keep!r}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="hash_partition_dedup",
    compare=Exact(),                               # row numbers: no tolerance
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
