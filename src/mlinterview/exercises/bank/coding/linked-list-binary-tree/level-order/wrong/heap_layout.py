"""Reads the list as a heap (children at 2i + 1, 2i + 2): wrong once a None hides a subtree."""


def level_order(values):
    levels, start, width = [], 0, 1
    while start < len(values):
        level = [v for v in values[start:start + width] if v is not None]
        if level:
            levels.append(level)
        start, width = start + width, width * 2
    return levels
