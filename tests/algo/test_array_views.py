"""The list and dict views a compiled search returns answer exactly as the list and dict
the readable search builds: every operation below is asked of both and compared."""

import numpy as np
import pytest

from mlinterview.algo._array_views import NodeMap, NodeSequence

NODES = [4, 0, 7, 2, 9]
VALUES = [0.0, 1.5, 1.5, 3.25, 7.0]


@pytest.fixture(params=[np.int32, np.int64])
def views(request):
    keys = np.array(NODES, dtype=request.param)
    return NodeSequence(keys), NodeMap(keys, np.array(VALUES), n_nodes=12)


@pytest.mark.parametrize("probe", [0, 4, 9, 3, 11, 12, -1, np.int64(7), np.int32(2), 7.0,
                                   7.5, True, False, "4", None, (4,)])
def test_membership_and_lookup_match_list_and_dict(views, probe):
    seq, mapping = views
    plain = dict(zip(NODES, VALUES, strict=True))
    assert (probe in seq) == (probe in NODES)
    assert (probe in mapping) == (probe in plain)
    assert mapping.get(probe, "missing") == plain.get(probe, "missing")
    if probe not in plain:
        with pytest.raises(KeyError):
            mapping[probe]


def test_sequence_reads_like_a_list(views):
    seq, _ = views
    assert len(seq) == 5 and list(seq) == NODES
    assert [seq[i] for i in range(-5, 5)] == [NODES[i] for i in range(-5, 5)]
    assert seq[1:4] == NODES[1:4] and seq[::-2] == NODES[::-2]
    assert type(seq[0]) is int and all(type(x) is int for x in seq)
    assert seq.index(2) == 3 and seq.count(9) == 1
    with pytest.raises(IndexError):
        seq[5]
    assert seq == NODES and NODES == seq  # noqa: SIM300 (both sides)
    assert seq != NODES[:-1] and seq != [*NODES[:-1], 8]
    # Against what is not a list, the view answers as the list does: not equal.
    listed = list(NODES)
    for other in (tuple(NODES), range(5), "40729", None):
        assert (seq == other) is (listed == other) is False, other
        assert (seq != other) is (listed != other) is True, other
    assert NodeSequence(np.array(NODES)) == seq
    assert repr(seq) == repr(NODES) and seq.tolist() == NODES


def test_map_reads_like_a_dict(views):
    _, mapping = views
    plain = dict(zip(NODES, VALUES, strict=True))
    assert len(mapping) == 5 and list(mapping) == NODES          # insertion order kept
    assert list(mapping.items()) == list(plain.items())
    assert list(mapping.values()) == VALUES and list(mapping.keys()) == NODES
    assert mapping[np.int64(2)] == 3.25 and type(mapping[2]) is float
    assert mapping == plain and plain == mapping and dict(mapping) == plain
    assert mapping != {**plain, 4: 0.5} and mapping != {k: plain[k] for k in NODES[:-1]}
    assert mapping != NODES
    assert repr(mapping) == repr(plain)


def test_integer_values_come_back_as_ints():
    m = NodeMap(np.array([3, 1]), np.array([0, 1]), n_nodes=4)
    assert m == {3: 0, 1: 1} and type(m[1]) is int and max(m.values()) == 1


def test_empty_views():
    seq = NodeSequence(np.array([], dtype=np.int64))
    m = NodeMap(np.array([], dtype=np.int64), np.array([]), n_nodes=0)
    assert seq == [] and len(seq) == 0 and 0 not in seq
    assert m == {} and 0 not in m and list(m.items()) == []
