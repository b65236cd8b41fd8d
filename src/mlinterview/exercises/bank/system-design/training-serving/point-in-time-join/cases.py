"""Cases for training-serving/point-in-time-join.

Expected values come from mlinterview.ml.design.feature_store.point_in_time_join, tested
against a brute-force loop in tests/ml/design/test_feature_store.py and against
pandas.merge_asof(by=...) in tests/parity/test_training_serving.py. The fixed cases are
worked by hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Exact, ExerciseSpec, Limits
from mlinterview.ml.design.feature_store import point_in_time_join


def reference(event_entity, event_time, feature_entity, feature_time, max_age=None):
    if len(event_entity) == 0:
        return []
    ev_e = np.array(event_entity, dtype=object)
    ft_e = np.array(feature_entity, dtype=object)
    # Entities of mixed Python types are compared as the statement says (with ==), through
    # one code per distinct value.
    code_of = {e: k for k, e in enumerate(dict.fromkeys([*event_entity, *feature_entity]))}
    ev_e = np.array([code_of[e] for e in ev_e], dtype=np.int64)
    ft_e = np.array([code_of[e] for e in ft_e], dtype=np.int64)
    return point_in_time_join(ev_e, np.asarray(event_time, dtype=float), ft_e,
                              np.asarray(feature_time, dtype=float), max_age=max_age).tolist()


FE = ["u", "v", "u", "u"]
FT = [5, 3, 9, 1]
EE = ["u", "u", "u", "v", "w"]
ET = [0, 4, 10, 7, 5]


def fixed():
    return [
        Case((EE, ET, FE, FT), note="the statement's example", expected=[-1, 3, 2, 1, -1]),
        Case((EE, ET, FE, FT, 2), note="the statement's example with max_age 2",
             expected=[-1, -1, 2, -1, -1]),
        Case((["u", "u"], [5, 9], FE, FT),
             note="an event at exactly a row's time uses that row (known at the time)",
             expected=[0, 2]),
        Case((["u"], [4.999], FE, FT), note="just before the row at 5: the row at 1",
             expected=[3]),
        Case(([1, 1], [5, 6], [1, 1, 1, 2], [5, 5, 2, 6]),
             note="two rows of entity 1 at time 5: the later one in the table (row 1); the "
                  "row at 6 is entity 2's", expected=[1, 1]),
        Case((["u"], [100], FE, FT), note="long after: the latest row (time 9), not the "
             "first in the table", expected=[2]),
        Case((["u"], [100], FE, FT, 91), note="max_age 91: 100 - 9 = 91 is not older than "
             "91, kept", expected=[2]),
        Case((["u"], [100], FE, FT, 90), note="max_age 90: 91 old, too stale; no fallback",
             expected=[-1]),
        Case(([3, 1, 2], [1, 1, 1], [1, 2, 3], [1, 1, 2]),
             note="entities are matched, not positions: 3 has only a row at 2 > 1",
             expected=[-1, 0, 1]),
        Case(([], [], FE, FT), note="no events", expected=[]),
        Case((["u", "v"], [3, 3], [], []), note="an empty feature table", expected=[-1, -1]),
        Case((["a", "a", "a"], [2, 2, 2], ["a"], [2]),
             note="several events at the same time share the row", expected=[0, 0, 0]),
        Case(([7, 7], [-5, 0], [7, 7], [-10, -1]), note="negative times: -10 for -5, -1 for "
             "0", expected=[0, 1]),
    ]


def generated(rng):
    cases = []
    for size in (5, 20, 100, 1000, 20_000):
        for _ in range(2 if size == 20_000 else 4):
            # The largest tables are full size: a scan of every row per event must not pass.
            n_ev = size if size == 20_000 else int(rng.integers(1, size + 1))
            n_ft = size if size == 20_000 else int(rng.integers(0, size + 1))
            n_ent = int(rng.integers(1, max(2, size // 5)))
            if rng.random() < 0.5:
                names = [f"user{k}" for k in range(n_ent)]
                ev_e = [names[k] for k in rng.integers(0, n_ent, n_ev)]
                ft_e = [names[k] for k in rng.integers(0, n_ent, n_ft)]
            else:
                ev_e = rng.integers(0, n_ent, n_ev).tolist()
                ft_e = rng.integers(0, n_ent, n_ft).tolist()
            span = int(rng.integers(5, 100))
            ev_t = rng.integers(0, span, n_ev).tolist()          # many equal times
            ft_t = rng.integers(0, span, n_ft).tolist()
            max_age = None if rng.random() < 0.5 else int(rng.integers(0, 10))
            cases.append(Case((ev_e, ev_t, ft_e, ft_t, max_age),
                              note=f"{n_ev} events, {n_ft} rows, {n_ent} entities, "
                                   f"max_age {max_age}", size=n_ev + n_ft))
    return cases


SPEC = ExerciseSpec(
    function="point_in_time_join",
    compare=Exact(),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=512),
)
