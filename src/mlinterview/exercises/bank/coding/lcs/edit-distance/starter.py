def edit_distance(a, b):
    """Levenshtein distance between the strings a and b (unit-cost insert, delete, substitute).

    Returns
    -------
    int
    """
    raise NotImplementedError("fill the table row by row")
