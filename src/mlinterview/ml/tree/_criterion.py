"""Split criteria in the vectorised form the tree builder needs.

The builder hands a criterion many nodes at once: ``idx`` of shape ``(R, m)`` holds, in
each row, the samples of several nodes laid side by side (node ``s`` in columns
``starts[s]:ends[s]``), each node's block sorted by the row's feature. The criterion
returns, for every column ``p``, the impurities and weights of the two children made by
splitting the block after ``p``. With additive statistics (class counts, sums of ``y``
and ``y^2``) that is one cumulative sum along the row: left = prefix, right = total -
prefix. The impurity formulas themselves are in :mod:`mlinterview.ml.tree.criteria`.

``proxy`` is what the builder maximises: any quantity that ranks splits like the
impurity decrease but is cheaper (scikit-learn's ``proxy_impurity_improvement``).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.tree.criteria import entropy_from_counts, gini_from_counts


def _segment_prefix(stats_rows: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Left and right sums of ``stats_rows (k, R, m)`` for a split after each column.

    Returns ``left (k, R, m)`` and ``right (k, R, m)``. The statistic axis comes first so
    that each statistic is a contiguous ``(R, m)`` array: sums over it are then a few
    whole-array additions rather than reductions over a tiny last axis.
    """
    k, R, m = stats_rows.shape
    lengths = ends - starts
    cum = np.zeros((k, R, m + 1))
    np.cumsum(stats_rows, axis=2, out=cum[:, :, 1:])
    # Subtract each block's running total at its start (np.repeat: one value per column).
    left = cum[:, :, 1:] - np.repeat(cum[:, :, starts], lengths, axis=2)
    right = np.repeat(cum[:, :, ends] - cum[:, :, starts], lengths, axis=2) - left
    return left, right


def clogc(c: np.ndarray) -> np.ndarray:
    """``c log2 c`` elementwise, with ``0 log 0 = 0`` (the entropy proxy's terms)."""
    return np.where(c > 0, c * np.log2(np.where(c > 0, c, 1.0)), 0.0)


class SplitScores:
    """What a criterion returns for a level: ``proxy``, ``w_left``, ``w_right`` of shape
    ``(R, m)``, and ``children(r, p)`` giving the children's impurities of chosen splits."""

    def __init__(self, proxy, w_left, w_right, children):
        self.proxy, self.w_left, self.w_right, self.children = proxy, w_left, w_right, children


class ClassificationCriterion:
    """Gini or entropy on weighted one-hot labels; node value = class fractions."""

    def __init__(self, impurity, y_codes: np.ndarray, n_classes: int, weight: np.ndarray):
        self._impurity = impurity
        self.n_values = n_classes
        # Per-sample statistics: the sample's weight in its class row, shape (K, n).
        self.stats = np.zeros((n_classes, len(y_codes)))
        self.stats[y_codes, np.arange(len(y_codes))] = weight
        self.weight = weight

    def node_totals(self, idx: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Class weights of each block of ``idx (m,)``: shape ``(S, n_classes)``."""
        # take(axis=1): the same gather as stats[:, idx], about 3x faster.
        return np.add.reduceat(self.stats.take(idx, axis=1), starts, axis=1).T

    def node_impurity_value(self, totals: np.ndarray, idx=None, starts=None, ends=None):
        """Impurity ``(S,)`` and value ``(S, n_classes)`` (fractions) of each node."""
        w = totals.sum(axis=1, keepdims=True)
        return self._impurity(totals), totals / w

    def splits(self, idx, starts, ends) -> SplitScores:
        """Scores of every split of every block in ``idx (R, m)``."""
        left, right = _segment_prefix(self.stats[:, idx], starts, ends)
        wl, wr = left.sum(axis=0), right.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            if self._impurity is gini_from_counts:
                # w * Gini = w - sum_k c_k^2 / w, and w_left + w_right is fixed within a
                # node, so maximising sum_k (c_lk^2 / w_l + c_rk^2 / w_r) minimises the
                # children's weighted Gini.
                proxy = (left * left).sum(axis=0) / wl + (right * right).sum(axis=0) / wr
            else:
                # w * H = w log w - sum_k c_k log c_k (0 log 0 = 0); the parent's terms
                # are fixed within a node.
                proxy = (clogc(left).sum(axis=0) + clogc(right).sum(axis=0)
                         - clogc(wl) - clogc(wr))

        def children(r, p):
            return self.children_impurity(left[:, r, p], right[:, r, p])

        return SplitScores(proxy, wl, wr, children)

    def children_impurity(self, left, right):
        """Impurities ``(S,)`` of the children whose class weights are ``left``/``right``
        of shape ``(n_classes, S)``."""
        return self._impurity(left.T), self._impurity(right.T)


class SquaredError:
    """Variance impurity from sums of ``w``, ``w y``, ``w y^2``; node value = mean."""

    n_values = 1

    def __init__(self, y: np.ndarray, weight: np.ndarray):
        self.stats = np.stack([weight, weight * y, weight * y * y])
        self.weight = weight

    def node_totals(self, idx, starts):
        return np.add.reduceat(self.stats.take(idx, axis=1), starts, axis=1).T

    def node_impurity_value(self, totals, idx=None, starts=None, ends=None):
        w, s, q = totals.T
        mean = s / w
        return q / w - mean**2, mean[:, None]

    def splits(self, idx, starts, ends) -> SplitScores:
        left, right = _segment_prefix(self.stats[:, idx], starts, ends)
        (wl, sl, _), (wr, sr, _) = left, right
        with np.errstate(divide="ignore", invalid="ignore"):
            # sum_l^2/w_l + sum_r^2/w_r ranks splits like the variance decrease (they
            # differ by the node's constant sum of w y^2) without the cancellation.
            proxy = sl * sl / wl + sr * sr / wr

        def children(r, p):
            return self.children_impurity(left[:, r, p], right[:, r, p])

        return SplitScores(proxy, wl, wr, children)

    @staticmethod
    def children_impurity(left, right):
        """Variances ``(S,)`` of the children whose sums of ``w, w y, w y^2`` are
        ``left``/``right`` of shape ``(3, S)``."""
        (wl, sl, ql), (wr, sr, qr) = left, right
        return ql / wl - (sl / wl) ** 2, qr / wr - (sr / wr) ** 2


class AbsoluteError:
    """Mean absolute deviation from the weighted median; node value = weighted median.

    Medians do not come from running sums, so each (node, feature) pair is handled on its
    own: for every prefix of the sorted block, a boolean (prefix x rank) matrix says which
    target ranks are in it, and cumulative weights along the ranks find the median of
    every prefix at once. That is ``O(n^2)`` work per node and feature (done in chunks to
    bound memory), fine for the small data this criterion is used on; scikit-learn gets
    ``O(n log n)`` with a Fenwick tree walked sample by sample.
    """

    n_values = 1
    _CHUNK = 2_000_000

    def __init__(self, y: np.ndarray, weight: np.ndarray):
        self.y, self.weight = y, weight

    def node_totals(self, idx, starts):
        return np.add.reduceat(self.weight[idx], starts)[:, None]

    def node_impurity_value(self, totals, idx, starts, ends):
        imp, val = np.empty(len(starts)), np.empty((len(starts), 1))
        for s, (a, b) in enumerate(zip(starts, ends, strict=True)):
            err, med = self._prefix_errors(idx[a:b])
            imp[s], val[s, 0] = err[-1] / totals[s, 0], med[-1]
        return imp, val

    def _prefix_errors(self, samples: np.ndarray):
        """Absolute error around the weighted median, and that median, of each prefix."""
        y, w = self.y[samples], self.weight[samples]
        n = len(samples)
        pos_of_rank = np.argsort(y, kind="stable")      # rank r sits at position pos[r]
        ys, ws = y[pos_of_rank], w[pos_of_rank]
        err, med = np.empty(n), np.empty(n)
        rows = max(1, self._CHUNK // n)
        for lo in range(0, n, rows):
            k = np.arange(lo, min(n, lo + rows))
            inside = pos_of_rank[None, :] <= k[:, None]          # (chunk, n) by rank
            cw = np.cumsum(inside * ws, axis=1)
            cwy = np.cumsum(inside * (ws * ys), axis=1)
            total_w, total_wy = cw[:, -1], cwy[:, -1]
            half = total_w / 2
            # The median is the first rank whose cumulative weight passes half the total;
            # when a prefix sits exactly on half, average it with the previous active rank.
            r = np.argmax(cw > half[:, None], axis=1)
            rows_i = np.arange(len(k))
            w_left = np.where(r > 0, cw[rows_i, r - 1], 0.0)
            wy_left = np.where(r > 0, cwy[rows_i, r - 1], 0.0)
            last_active = np.maximum.accumulate(np.where(inside, np.arange(n), -1), axis=1)
            prev = np.where(r > 0, last_active[rows_i, np.maximum(r - 1, 0)], -1)
            m = np.where((prev >= 0) & (w_left == half), (ys[np.maximum(prev, 0)] + ys[r]) / 2,
                         ys[r])
            err[k] = (total_wy - wy_left - m * (total_w - w_left)) + (m * w_left - wy_left)
            med[k] = m
        return err, med

    def splits(self, idx, starts, ends) -> SplitScores:
        R, m = idx.shape
        err_l, err_r = np.full((R, m), np.inf), np.full((R, m), np.inf)
        wl, wr = np.zeros((R, m)), np.zeros((R, m))
        for r in range(R):
            for a, b in zip(starts, ends, strict=True):
                block = idx[r, a:b]
                err_l[r, a:b - 1] = self._prefix_errors(block)[0][:-1]
                err_r[r, a:b - 1] = self._prefix_errors(block[::-1])[0][::-1][1:]
                cum = np.cumsum(self.weight[block])
                wl[r, a:b] = cum
                wr[r, a:b] = cum[-1] - cum

        def children(r, p):
            return err_l[r, p] / wl[r, p], err_r[r, p] / wr[r, p]

        return SplitScores(-(err_l + err_r), wl, wr, children)


CRITERIA_CLF = {"gini": gini_from_counts, "entropy": entropy_from_counts,
                "log_loss": entropy_from_counts}
CRITERIA_REG = {"squared_error": SquaredError, "absolute_error": AbsoluteError}
