import math


def cascade_budget(overhead_ms, per_candidate_ms, candidates, budget_ms, stage):
    """Latency of a sequential cascade and the largest count one stage can take.

    Parameters
    ----------
    overhead_ms, per_candidate_ms : list of float >= 0, one per stage
    candidates : list of int >= 0, the candidates each stage scores
    budget_ms : float >= 0
    stage : int, the stage whose count is to be maximised

    Returns
    -------
    (total_ms, slowest, max_count) : (float, int, int)
    """
    raise NotImplementedError("sum the stages; subtract everything but this stage's "
                              "per-candidate part from the budget")
