"""Cases for ensembles/gb-newton-step.

The generated cases are real boosting rounds of mlinterview.ml.ensemble
GradientBoostingClassifier (checked against scikit-learn in tests/parity/test_gb.py),
binary and multinomial: F is its staged decision function before a round, leaf the
round's trees' apply() on the training data, and the expected answer the staged decision
function after the round. The reference (for other inputs) runs the library's own pieces:
GradientBoostingClassifier._negative_gradient and _line_search (the Newton step with its
1e-150 guard and the (K - 1)/K factor) on a tree of leaves. The fixed cases are worked by
hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml._validation import as_float32
from mlinterview.ml.ensemble import GradientBoostingClassifier
from mlinterview.ml.tree._tree import Tree


def _leaves_tree(n_nodes):
    z = np.zeros(n_nodes)
    return Tree(children_left=np.full(n_nodes, -1), children_right=np.full(n_nodes, -1),
                feature=np.full(n_nodes, -2), threshold=z, value=np.zeros((n_nodes, 1, 1)),
                impurity=z, n_node_samples=z, weighted_n_node_samples=z, n_features=1)


def reference(y, F, leaf, learning_rate):
    y, F = np.asarray(y), np.asarray(F, dtype=float)
    binary = F.ndim == 1
    raw = F[:, None] if binary else F
    K = 2 if binary else raw.shape[1]
    onehot = np.eye(K)[y]
    targets = onehot[:, 1:] if binary else onehot
    leaves = np.asarray(leaf).reshape(raw.shape)
    model = GradientBoostingClassifier()
    model.n_classes_ = K
    residual = model._negative_gradient(targets, raw)
    n = len(y)
    out = raw.copy()
    for k in range(raw.shape[1]):
        tree = _leaves_tree(int(leaves[:, k].max()) + 1)
        model._line_search(tree, leaves[:, k], np.ones(n, dtype=bool), np.ones(n),
                           targets[:, k], residual[:, k])
        out[:, k] += learning_rate * tree.value[leaves[:, k], 0, 0]
    return out[:, 0] if binary else out


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    return [
        Case(([1, 0, 1, 1], np.zeros(4), np.array([1, 1, 2, 2]), 1.0),
             note="the statement's binary example", expected=_a(0, 0, 2, 2)),
        Case(([0, 1, 2], np.zeros((3, 3)), np.array([[0, 0, 0], [0, 0, 0], [1, 1, 1]]), 1.0),
             note="the statement's three-class example",
             expected=_a([0.5, 0.5, -1], [0.5, 0.5, -1], [-1, -1, 2])),
        # p = sigmoid(ln 3) = 3/4 for both; r = [1/4, -3/4]; sum -1/2; curvature 2 * 3/16.
        Case(([1, 0], np.full(2, np.log(3.0)), np.array([4, 4]), 0.5),
             note="log-odds ln 3: gamma = (-1/2) / (3/8) = -4/3, halved",
             expected=np.full(2, np.log(3.0) - 2 / 3)),
        # Leaf 0 holds only certain predictions (p exactly 1 or 0): no step there.
        Case(([1, 0, 1, 0], _a(800, -800, 0, 0), np.array([0, 0, 3, 3]), 1.0),
             note="saturated scores ±800: a leaf without curvature gets 0, no overflow",
             expected=_a(800, -800, 0, 0)),
        Case(([0, 1], _a([800, 0, -800], [0, 0, 0]), np.array([[0, 0, 0], [1, 1, 1]]), 1.0),
             note="three classes, one row with scores ±800 (stable softmax)",
             # row 0: p = [1, 0, 0] exactly: zero curvature in its leaf. Row 1: p = 1/3,
             # class 1: r = 2/3, gamma = (2/3)(2/3)/(2/9) = 2; classes 0 and 2: -1.
             expected=_a([800, 0, -800], [-1, 2, -1])),
        Case(([1, 1, 1], _a(-1.0, 0.5, 2.0), np.array([2, 2, 2]), 0.1),
             note="one leaf of all-positive labels: a step up"),
        Case(([2, 0, 1, 2], _a([1.0, -1.0, 0.5], [0.2, 0.3, -0.4], [0.0, 2.0, 1.0],
                               [3.0, 0.0, -2.0]),
              np.array([[1, 0, 0], [1, 1, 0], [2, 1, 5], [2, 0, 5]]), 0.3),
             note="four classes of scores, different leaves per class"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, p = int(rng.integers(6, 300)), int(rng.integers(1, 5))
        X = rng.normal(size=(n, p))
        K = 2 if i % 2 else int(rng.integers(3, 5))
        y = np.digitize(X[:, 0] + rng.normal(size=n) * 0.7, np.linspace(-1, 1, K - 1))
        y[:K] = np.arange(K)                               # every class present
        rounds, lr = int(rng.integers(1, 4)), float(rng.choice([0.1, 0.3, 0.5]))
        model = GradientBoostingClassifier(n_estimators=rounds, learning_rate=lr,
                                           max_depth=int(rng.integers(1, 4)),
                                           random_state=i).fit(X, y)
        staged = [model._raw_init(X)] + [s.reshape(n, -1) for s in
                                          model.staged_decision_function(X)]
        leaf = np.column_stack([t.tree_.apply(as_float32(X))
                                for t in model.estimators_[rounds - 1]])
        before, after = staged[rounds - 1], staged[rounds]
        if K == 2:
            before, after, leaf = before[:, 0], after[:, 0], leaf[:, 0]
        cases.append(Case((y, before, leaf, lr), expected=after,
                          note=f"round {rounds}, {K} classes, {n} samples, lr {lr}", size=n * K))
    return cases


SPEC = ExerciseSpec(
    function="gb_newton_step",
    # Raw scores stay below ~10 here, so p(1 - p) keeps its digits; sums in another order
    # agree to ~1e-13 relative.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
