"""Keeps the last occurrence of each line (dict assignment overwrites) instead of the first."""
import os
import tempfile
import zlib

import numpy as np


def first_occurrences(path, memory_mb):
    n_parts = max(1, -(-os.path.getsize(path) * 6 // (memory_mb * 2**20 // 4)))
    kept = []
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        names = [os.path.join(tmp, f"part{p}.txt") for p in range(n_parts)]
        parts = [open(name, "w", encoding="utf-8", newline="\n") for name in names]
        with open(path, encoding="utf-8", newline="\n") as fh:
            for number, line in enumerate(fh):
                line = line[:-1] if line.endswith("\n") else line
                parts[zlib.crc32(line.encode()) % n_parts].write(f"{number}\t{line}\n")
        for part in parts:
            part.close()
        for name in names:
            last = {}
            with open(name, encoding="utf-8", newline="\n") as fh:
                for record in fh:
                    number, line = record[:-1].split("\t", 1)
                    last[line] = int(number)
            kept.append(np.fromiter(last.values(), np.int64, len(last)))
    return np.sort(np.concatenate(kept))
