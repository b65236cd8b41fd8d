def first_occurrences(path, memory_mb):
    """Line numbers of the first occurrence of every distinct line of a text file.

    Parameters
    ----------
    path : str
        A UTF-8 text file, possibly larger than the memory you may use.
    memory_mb : int
        The memory you may use, in MB (the judge enforces a cap).

    Returns
    -------
    list of int (or a 1-D NumPy int array), increasing: the 0-based numbers of the lines
    whose text did not appear on an earlier line (the final "\\n" is not part of a line).
    """
    raise NotImplementedError("partition (line number, line) by hash into files, "
                              "de-duplicate each partition, sort the kept numbers")
