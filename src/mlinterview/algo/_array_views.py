"""Read-only list and dict views over NumPy arrays, for the compiled graph searches.

A compiled BFS on 100,000 nodes takes ~4 ms; turning its arrays into a 100,000-entry
Python list (the visit order) and dict (the distances) took twice as long again, and most
callers read only the path or a handful of distances. These views hold the arrays and
answer like the list and dict the readable searches return: indexing, ``len``, ``in``,
iteration and ``==`` against a list or dict give the same answers, with Python ints and
floats as items. Nothing is converted until it is asked for, and a whole conversion
(``list(view)``, ``dict(view)``, ``==``) is one ``tolist`` call, not one per item.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np


def _as_node(key: Any) -> int | None:
    """The int node id ``key`` equals (as a dict key would match it), else None."""
    if isinstance(key, (numbers.Integral, np.bool_)):   # bool is Integral; np.bool_ is not
        return int(key)
    if isinstance(key, numbers.Real) and float(key).is_integer():
        return int(key)
    return None


class NodeSequence(Sequence):
    """The nodes ``items`` (an int array of shape (n,)) as a read-only list of ints."""

    __slots__ = ("_items",)

    def __init__(self, items: np.ndarray):
        self._items = items

    def __len__(self) -> int:
        return self._items.size

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._items[index].tolist()   # a slice of a list is a list
        return self._items[index].item()

    def __iter__(self) -> Iterator[int]:
        return iter(self._items.tolist())

    def __contains__(self, node: object) -> bool:
        i = _as_node(node)
        return i is not None and bool((self._items == i).any())

    def __eq__(self, other: object) -> bool:
        # As a list: equal to a list (or another view) with the same items, never to a
        # tuple, a range or a string.
        if isinstance(other, NodeSequence):
            return np.array_equal(self._items, other._items)
        if isinstance(other, list):
            return self._items.tolist() == other
        return NotImplemented

    __hash__ = None  # mutable-looking, like a list

    def __repr__(self) -> str:
        return repr(self._items.tolist())

    def tolist(self) -> list[int]:
        """The nodes as a plain list."""
        return self._items.tolist()


class NodeMap(Mapping):
    """A dict ``{node: value}`` over the nodes ``keys`` (int array (k,), in insertion
    order) and ``values`` (array (k,)); looking one node up builds, once, a dense
    position index of shape (n_nodes,)."""

    __slots__ = ("_keys", "_n_nodes", "_position", "_values")

    def __init__(self, keys: np.ndarray, values: np.ndarray, n_nodes: int):
        self._keys, self._values, self._n_nodes = keys, values, n_nodes
        self._position: np.ndarray | None = None

    def _where(self, key: object) -> int:
        """Position of ``key`` in ``keys``, or -1."""
        i = _as_node(key)
        if i is None or not 0 <= i < self._n_nodes:
            return -1
        if self._position is None:
            self._position = np.full(self._n_nodes, -1, dtype=np.int64)
            self._position[self._keys] = np.arange(self._keys.size)
        return int(self._position[i])

    def __getitem__(self, key):
        pos = self._where(key)
        if pos < 0:
            raise KeyError(key)
        return self._values[pos].item()

    def __contains__(self, key: object) -> bool:
        return self._where(key) >= 0

    def __len__(self) -> int:
        return self._keys.size

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys.tolist())

    def items(self):
        return self.to_dict().items()

    def values(self):
        return self.to_dict().values()

    def to_dict(self) -> dict:
        """The mapping as a plain dict, in insertion order."""
        return dict(zip(self._keys.tolist(), self._values.tolist(), strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self.to_dict() == dict(other.items())
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return repr(self.to_dict())
