"""Only considers paths from the root down to a leaf."""
from collections import deque


def max_path_sum(values):
    # Sum from the root to every node, keyed by the node's index in the list.
    sums, has_child = {0: values[0]}, set()
    parents, i = deque([0]), 1
    while parents and i < len(values):
        p = parents.popleft()
        for _ in range(2):
            if i < len(values) and values[i] is not None:
                sums[i] = sums[p] + values[i]
                has_child.add(p)
                parents.append(i)
            i += 1
    return max(total for node, total in sums.items() if node not in has_child)
