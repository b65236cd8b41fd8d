"""Cases for recommender-system/in-batch-softmax-logq.

Expected values come from mlinterview.ml.design.recsys.in_batch_softmax_loss, an
autograd graph whose values and gradients match the same computation in PyTorch
(torch.nn.functional.cross_entropy on the logits matrix) in
tests/parity/test_recommender_system.py, and finite differences (gradcheck). The fixed
cases are worked by hand or built so that one rule (the mask, the sign of the
correction, the mean, the temperature, the max shift) decides the answer.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.design.recsys import in_batch_softmax_loss


def reference(user_emb, item_emb, item_ids, log_q, temperature):
    q = Tensor(np.asarray(user_emb, dtype=np.float64), requires_grad=True)
    c = Tensor(np.asarray(item_emb, dtype=np.float64), requires_grad=True)
    loss = in_batch_softmax_loss(q, c, log_q=np.asarray(log_q, dtype=float),
                                 item_ids=np.asarray(item_ids), temperature=temperature)
    loss.backward()
    return loss.item(), q.grad.data, c.grad.data


def _a(rows):
    return np.array(rows, dtype=float)


A = (1 - 1 / (1 + math.exp(-1))) / 2
G = np.array([[-A, A], [A, -A]])


def fixed():
    u, v = _a([[1, 0], [0, 1]]), _a([[2, 0], [1, 1]])
    rng = np.random.default_rng(7)
    u4, v4 = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    return [
        Case((u, v, np.array([0, 1]), np.zeros(2), 1.0),
             note="the statement's example", expected=(math.log1p(math.exp(-1)), G, G)),
        Case((_a([[1.0, 2.0]]), _a([[3.0, -1.0]]), np.array([5]), np.array([-2.0]), 0.5),
             note="a batch of one: the positive is alone, loss 0, no gradient",
             expected=(0.0, np.zeros((1, 2)), np.zeros((1, 2)))),
        Case((u, v, np.array([4, 4]), np.zeros(2), 1.0),
             note="both rows hold the same item: every negative is masked, loss 0",
             expected=(0.0, np.zeros((2, 2)), np.zeros((2, 2)))),
        Case((u, v, np.array([0, 1]), np.log([0.5, 0.25]), 1.0),
             note="the correction raises the rarer item's logit by log 2 in both rows"),
        Case((u, v, np.array([0, 1]), np.full(2, math.log(0.01)), 1.0),
             note="a constant log_q changes nothing", expected=(math.log1p(math.exp(-1)), G, G)),
        Case((u, v, np.array([0, 1]), np.zeros(2), 0.25),
             note="temperature 1/4 multiplies every logit by 4"),
        Case((u4, v4, np.array([3, 1, 3, 2]), np.log([0.4, 0.1, 0.4, 0.1]), 1.0),
             note="rows 0 and 2 share item 3: each masks the other"),
        Case((100 * u4, 100 * v4, np.array([0, 1, 2, 3]), np.zeros(4), 0.05),
             note="logits in the thousands: needs the max shift"),
        Case((u4, v4, np.array([0, 1, 2, 3]), np.log([0.7, 0.1, 0.1, 0.1]), 0.5),
             note="a popular item 0 among rare ones"),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        batch = int(rng.integers(1, 65))
        d = int(rng.integers(1, 17))
        scale = rng.choice([0.3, 1.0, 5.0])
        user = rng.normal(size=(batch, d)) * scale
        item = rng.normal(size=(batch, d)) * scale
        ids = rng.integers(0, max(1, int(batch * rng.choice([0.3, 1.0, 5.0]))), batch)
        log_q = np.log(rng.dirichlet(np.full(batch, rng.choice([0.2, 1.0, 5.0]))) + 1e-9)
        temperature = float(rng.choice([0.05, 0.2, 1.0, 2.0]))
        cases.append(Case((user, item, ids, log_q, temperature),
                          note=f"B = {batch}, d = {d}, temperature {temperature}",
                          size=batch * batch * d))
    return cases


SPEC = ExerciseSpec(
    function="in_batch_softmax_loss",
    # A softmax and two matrix products: rounding ~1e-14 relative; gradients that cancel
    # to near 0 need the absolute term.
    compare=AllClose(rtol=1e-7, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
