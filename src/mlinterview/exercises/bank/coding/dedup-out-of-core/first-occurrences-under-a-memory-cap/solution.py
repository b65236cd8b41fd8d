import contextlib
import os
import tempfile
import zlib

import numpy as np


def first_occurrences(path, memory_mb):
    """Line numbers of the first occurrence of every distinct line of a text file.

    Pass 1 sends "number<TAB>line" to one of P partition files chosen by a hash of the
    line (equal lines share a partition); pass 2 keeps, in each partition, the smallest
    number of every line; the kept numbers, sorted, are in file order.
    """
    size = os.path.getsize(path)
    # A line costs ~6x its bytes as a Python str in a dict: one partition uses a quarter
    # of the budget.
    n_parts = max(1, -(-size * 6 // (memory_mb * 2**20 // 4)))
    kept = []
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        names = [os.path.join(tmp, f"part{p}.txt") for p in range(n_parts)]
        with contextlib.ExitStack() as stack:
            parts = [stack.enter_context(open(name, "w", encoding="utf-8", newline="\n"))
                     for name in names]
            with open(path, encoding="utf-8", newline="\n") as fh:
                for number, line in enumerate(fh):
                    line = line[:-1] if line.endswith("\n") else line
                    p = zlib.crc32(line.encode("utf-8")) % n_parts
                    parts[p].write(f"{number}\t{line}\n")
        for name in names:
            first = {}
            with open(name, encoding="utf-8", newline="\n") as fh:
                for record in fh:
                    number, line = record[:-1].split("\t", 1)
                    first.setdefault(line, int(number))  # numbers increase in a partition
            kept.append(np.fromiter(first.values(), np.int64, len(first)))
            del first
    return np.sort(np.concatenate(kept))
