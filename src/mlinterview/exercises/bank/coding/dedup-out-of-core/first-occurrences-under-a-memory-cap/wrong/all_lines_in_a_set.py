"""Keeps every distinct line in one in-memory set: right, but over the memory cap."""


def first_occurrences(path, memory_mb):
    seen, kept = set(), []
    with open(path, encoding="utf-8", newline="\n") as fh:
        for number, line in enumerate(fh):
            line = line.rstrip("\n")
            if line not in seen:
                seen.add(line)
                kept.append(number)
    return kept
