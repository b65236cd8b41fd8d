"""Hostile input for every public metric of ``ml.metrics``, the functions of ``ml.stats``
and the losses of ``ml.nn.functional`` (issue 11, part 4).

Each example starts from a valid call and spoils it: one argument gets NaN, infinity,
1e308, an empty array, a wrong number of dimensions, a ragged list, strings, a mixed
object array, a different length, bools, complex numbers or ``None``; or the whole input
is cut to one sample, to one class, or to nothing. Then the call must either

- raise ``ValueError`` or ``TypeError`` whose message names the spoiled argument; or
- return the reference library's answer (scikit-learn, scikit-image, SciPy, PyTorch),
  within ``rtol=1e-7, atol=1e-9`` (other summation orders; log-space vs direct), and
  without a ``RuntimeWarning`` or a NaN nobody warned about.

Anything else (another exception type, a RuntimeWarning, a silent NaN, an answer where the
reference refuses the input) fails the test. Every input tried is counted with the
``fuzz_tally`` fixture of ``conftest.py``. Examples are derandomised and bounded, so the run
is the same every time.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pytest
import scipy.linalg
import scipy.stats as ss
import skimage.metrics
import sklearn.calibration
import sklearn.metrics as skm
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlinterview.ml import metrics, stats
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

RTOL, ATOL = 1e-7, 1e-9
EXAMPLES = 100
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


# ---------------------------------------------------------------------------------------
# Valid inputs: each returns the keyword arguments of one valid call for n samples.
# ---------------------------------------------------------------------------------------


def _labels(draw, n, k=None):
    k = k or draw(st.sampled_from([2, 3]))
    return np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))


def _floats(draw, n, lo=-5.0, hi=5.0):
    values = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    return lo + (hi - lo) * np.array(values, dtype=np.float64) / 20


def _weights(draw, n):
    return draw(st.sampled_from([None, "w"])) and 0.25 + _floats(draw, n, 0.0, 2.0)


def label_pair(draw, n):
    return {"y_true": _labels(draw, n), "y_pred": _labels(draw, n),
            "sample_weight": _weights(draw, n)}


def binary_pair(draw, n):
    return {"y_true": _labels(draw, n, 2), "y_pred": _labels(draw, n, 2),
            "sample_weight": _weights(draw, n)}


def binary_scores(draw, n, score="y_score"):
    return {"y_true": _labels(draw, n, 2), score: _floats(draw, n, 0.0, 1.0),
            "sample_weight": _weights(draw, n)}


def binary_proba(draw, n):
    return binary_scores(draw, n, "y_proba")


def indicator_pair(draw, n, score=None):
    k = draw(st.integers(2, 4))
    Y = np.array(draw(st.lists(st.integers(0, 1), min_size=n * k, max_size=n * k)))
    out = {"y_true": Y.reshape(n, k), "sample_weight": _weights(draw, n)}
    if score:
        out[score] = _floats(draw, n * k, 0.0, 1.0).reshape(n, k)
    else:
        out["y_pred"] = np.array(draw(st.lists(st.integers(0, 1), min_size=n * k,
                                                max_size=n * k))).reshape(n, k)
    return out


def regression_pair(draw, n):
    return {"y_true": _floats(draw, n), "y_pred": _floats(draw, n),
            "sample_weight": _weights(draw, n)}


def relevance(draw, n):
    k = draw(st.integers(2, 5))
    return {"y_true": _floats(draw, n * k, 0.0, 3.0).round().reshape(n, k),
            "y_score": _floats(draw, n * k).reshape(n, k)}


def images(draw, n):
    side = 7 + n % 3  # scikit-image's default window is 7 x 7
    return {"im1": _floats(draw, side * side, 0.0, 1.0).reshape(side, side),
            "im2": _floats(draw, side * side, 0.0, 1.0).reshape(side, side),
            "data_range": 1.0}


def two_samples(draw, n, names=("a", "b")):
    return {names[0]: _floats(draw, n + 1), names[1]: _floats(draw, n + 2)}


# ---------------------------------------------------------------------------------------
# Spoiling an argument
# ---------------------------------------------------------------------------------------

ARG_KINDS = ["nan", "inf", "huge", "empty", "more_dims", "fewer_dims", "ragged", "strings",
             "objects", "shorter", "bools", "complex", "none"]
WHOLE_KINDS = ["valid", "one_sample", "one_class", "nothing"]


def _as_float(v: np.ndarray) -> np.ndarray:
    return v.astype(np.float64) if v.dtype.kind in "biuf" else np.ones(v.shape)


def spoil(kind: str, v, draw):
    """``v`` (an array or a number of the valid call) turned into one kind of hostile
    value."""
    v = np.asarray(v)
    if v.ndim == 0 and kind in ("empty", "ragged", "shorter", "objects", "fewer_dims"):
        v = v[None]  # a scalar argument: spoil it as a one-element array
    if kind in ("nan", "inf", "huge"):
        out = _as_float(v).copy()
        value = {"nan": np.nan, "inf": draw(st.sampled_from([np.inf, -np.inf])),
                 "huge": draw(st.sampled_from([1e308, -1e308]))}[kind]
        if out.size:
            out.flat[draw(st.integers(0, out.size - 1))] = value
        return out
    if kind == "empty":
        return v[:0]
    if kind == "more_dims":
        return v[None, ..., None]
    if kind == "fewer_dims":
        return v.flat[0] if v.size else 0.5
    if kind == "ragged":
        rows = v.tolist() if v.ndim > 1 else [v.tolist()]
        return [*rows, [1] * (len(rows[0]) + 1 if isinstance(rows[0], list) else 2)]
    if kind == "strings":
        return v.astype(str)
    if kind == "objects":
        pool = [1, "a", None, 2.5, (1,)]
        return np.array([pool[i % len(pool)] for i in range(max(v.size, 1))],
                        dtype=object).reshape(v.shape if v.size else (1,))
    if kind == "shorter":
        return v[:-1] if len(v) > 1 else np.concatenate([v, v])
    if kind == "bools":
        return v.astype(bool) if v.dtype.kind in "biuf" else v != v
    if kind == "complex":
        return _as_float(v) + 1j
    if kind == "none":
        return None
    raise AssertionError(kind)


# ---------------------------------------------------------------------------------------
# The targets
# ---------------------------------------------------------------------------------------


@dataclass
class Target:
    """One public function: how to make a valid call, which arguments to spoil, and the
    reference to compare with where the input is valid (``None``: no reference)."""

    kind: str                      # the fuzz_tally kind: "metric", "stats" or "loss"
    name: str
    fn: Callable
    valid: Callable                # (draw, n) -> kwargs of a valid call
    samples: tuple[str, ...]       # arguments with one entry per sample
    labels: tuple[str, ...] = ()   # arguments made constant by "one_class"
    reference: Callable | None = None
    fixed: dict = field(default_factory=dict)  # extra keyword arguments, never spoiled
    spoil_only: tuple[str, ...] = ()           # spoil these (default: every array)


def _sk(name):
    return getattr(skm, name)


def _ml_prfs(y_true, y_pred, **kw):
    return skm.precision_recall_fscore_support(y_true, y_pred, **kw)


def _float_scores(ref):
    # scikit-learn's (n)dcg negates y_score, which NumPy refuses for bools; bool scores
    # are 0/1 scores, so the reference gets those.
    def call(y_true, y_score, **kw):
        if np.asarray(y_score).dtype == bool:
            y_score = np.asarray(y_score, dtype=np.float64)
        return ref(y_true, y_score, **kw)
    return call


def _auc_ref(x, y):
    # scikit-learn's trapezoid adds bool y values with ``+``, a logical or (True + True
    # is True), so it gets bool curves wrong; its answer for 0/1 floats is the right one.
    return skm.auc(*(a.astype(float) if np.asarray(a).dtype == bool else a for a in (x, y)))


def _dssim_ref(im1, im2, data_range):
    return (1 - skimage.metrics.structural_similarity(im1, im2, data_range=data_range)) / 2


def _frechet_ref(mu1, sigma1, mu2, sigma2):
    mu1, sigma1, mu2, sigma2 = (np.asarray(a, dtype=np.float64) for a in (mu1, sigma1, mu2,
                                                                          sigma2))
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))


def _gaussians(draw, n):
    d = draw(st.integers(1, 3))
    A = _floats(draw, d * (d + 2)).reshape(d, d + 2)
    B = _floats(draw, d * (d + 2)).reshape(d, d + 2)
    return {"mu1": _floats(draw, d), "sigma1": A @ A.T + np.eye(d),
            "mu2": _floats(draw, d), "sigma2": B @ B.T + np.eye(d)}


def _features(draw, n):
    return {"features": _floats(draw, (n + 2) * 3).reshape(n + 2, 3)}


def _gaussian_stats_ref(features):
    return features.mean(axis=0), np.cov(features, rowvar=False)


METRICS = [
    Target("metric", "accuracy_score", metrics.accuracy_score, label_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true", "y_pred"), _sk("accuracy_score")),
    Target("metric", "balanced_accuracy_score", metrics.balanced_accuracy_score, label_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",),
           _sk("balanced_accuracy_score")),
    Target("metric", "confusion_matrix", metrics.confusion_matrix, label_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true", "y_pred"),
           _sk("confusion_matrix")),
    Target("metric", "matthews_corrcoef", metrics.matthews_corrcoef, label_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _sk("matthews_corrcoef")),
    Target("metric", "classification_report", metrics.classification_report, label_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _sk("classification_report"),
           fixed={"zero_division": 0, "output_dict": True}),
    *[Target("metric", name, getattr(metrics, name), label_pair,
             ("y_true", "y_pred", "sample_weight"), ("y_true", "y_pred"), _sk(name),
             fixed={"average": "macro", "zero_division": 0})
      for name in ("precision_score", "recall_score", "f1_score")],
    Target("metric", "fbeta_score", metrics.fbeta_score, binary_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true", "y_pred"), _sk("fbeta_score"),
           fixed={"beta": 2.0, "zero_division": 0}),
    Target("metric", "precision_recall_fscore_support",
           metrics.precision_recall_fscore_support, indicator_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _ml_prfs,
           fixed={"average": "samples", "zero_division": 1}),
    Target("metric", "log_loss", metrics.log_loss, binary_proba,
           ("y_true", "y_proba", "sample_weight"), ("y_true",),
           lambda y_true, y_proba, **kw: skm.log_loss(y_true, y_proba, **kw),
           fixed={"labels": [0, 1]}),
    Target("metric", "roc_curve", metrics.roc_curve, binary_scores,
           ("y_true", "y_score", "sample_weight"), ("y_true",), _sk("roc_curve")),
    Target("metric", "roc_auc_score", metrics.roc_auc_score, binary_scores,
           ("y_true", "y_score", "sample_weight"), ("y_true",), _sk("roc_auc_score")),
    Target("metric", "precision_recall_curve", metrics.precision_recall_curve, binary_scores,
           ("y_true", "y_score", "sample_weight"), ("y_true",),
           _sk("precision_recall_curve")),
    Target("metric", "average_precision_score", metrics.average_precision_score,
           binary_scores, ("y_true", "y_score", "sample_weight"), ("y_true",),
           _sk("average_precision_score")),
    Target("metric", "auc", metrics.auc,
           lambda draw, n: {"x": np.sort(_floats(draw, n + 1)), "y": _floats(draw, n + 1)},
           ("x", "y"), (), _auc_ref),
    Target("metric", "hamming_loss", metrics.hamming_loss, indicator_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _sk("hamming_loss")),
    Target("metric", "jaccard_score", metrics.jaccard_score, indicator_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _sk("jaccard_score"),
           fixed={"average": "samples", "zero_division": 0}),
    Target("metric", "subset_accuracy_score", metrics.subset_accuracy_score, indicator_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _sk("accuracy_score")),
    Target("metric", "multilabel_precision_recall_fscore_support",
           metrics.multilabel_precision_recall_fscore_support, indicator_pair,
           ("y_true", "y_pred", "sample_weight"), ("y_true",), _ml_prfs,
           fixed={"average": "weighted", "zero_division": 0}),
    Target("metric", "coverage_error", metrics.coverage_error,
           lambda draw, n: indicator_pair(draw, n, "y_score"),
           ("y_true", "y_score", "sample_weight"), ("y_true",), _sk("coverage_error")),
    Target("metric", "label_ranking_loss", metrics.label_ranking_loss,
           lambda draw, n: indicator_pair(draw, n, "y_score"),
           ("y_true", "y_score", "sample_weight"), ("y_true",), _sk("label_ranking_loss")),
    Target("metric", "mean_squared_error", metrics.mean_squared_error, regression_pair,
           ("y_true", "y_pred", "sample_weight"), (), _sk("mean_squared_error")),
    Target("metric", "mean_absolute_error", metrics.mean_absolute_error, regression_pair,
           ("y_true", "y_pred", "sample_weight"), (), _sk("mean_absolute_error")),
    Target("metric", "brier_score_loss", metrics.brier_score_loss, binary_proba,
           ("y_true", "y_proba", "sample_weight"), ("y_true",),
           lambda y_true, y_proba, **kw: skm.brier_score_loss(y_true, y_proba, **kw)),
    Target("metric", "calibration_curve", metrics.calibration_curve,
           lambda draw, n: {k: v for k, v in binary_scores(draw, n, "y_prob").items()
                            if k != "sample_weight"},
           ("y_true", "y_prob"), ("y_true",), sklearn.calibration.calibration_curve),
    Target("metric", "dcg_score", metrics.dcg_score, relevance, ("y_true", "y_score"), (),
           _float_scores(_sk("dcg_score"))),
    Target("metric", "ndcg_score", metrics.ndcg_score, relevance, ("y_true", "y_score"), (),
           _float_scores(_sk("ndcg_score"))),
    Target("metric", "ndcg_per_query", metrics.ndcg_per_query, relevance,
           ("y_true", "y_score"), ()),
    Target("metric", "average_precision_at_k", metrics.average_precision_at_k,
           lambda draw, n: indicator_pair(draw, n, "y_score"),
           ("y_true", "y_score", "sample_weight"), ("y_true",)),
    Target("metric", "mean_reciprocal_rank", metrics.mean_reciprocal_rank,
           lambda draw, n: indicator_pair(draw, n, "y_score"),
           ("y_true", "y_score", "sample_weight"), ("y_true",)),
    Target("metric", "best_threshold", metrics.best_threshold,
           lambda draw, n: {k: v for k, v in binary_scores(draw, n).items()
                            if k != "sample_weight"},
           ("y_true", "y_score"), ("y_true",)),
    Target("metric", "threshold_metrics", metrics.threshold_metrics,
           lambda draw, n: {k: v for k, v in binary_scores(draw, n).items()
                            if k != "sample_weight"},
           ("y_true", "y_score"), ("y_true",)),
    Target("metric", "peak_signal_noise_ratio", metrics.peak_signal_noise_ratio,
           lambda draw, n: {"image_true": (d := images(draw, n))["im1"],
                            "image_test": d["im2"], "data_range": 1.0},
           (), (), skimage.metrics.peak_signal_noise_ratio,
           spoil_only=("image_true", "image_test")),
    Target("metric", "structural_similarity", metrics.structural_similarity, images, (), (),
           skimage.metrics.structural_similarity, spoil_only=("im1", "im2")),
    Target("metric", "dssim", metrics.dssim, images, (), (), _dssim_ref,
           spoil_only=("im1", "im2")),
    Target("metric", "frechet_distance", metrics.frechet_distance, _gaussians, (), (),
           _frechet_ref, spoil_only=("mu1", "sigma1", "mu2", "sigma2")),
    Target("metric", "gaussian_statistics", metrics.gaussian_statistics, _features,
           ("features",), (), _gaussian_stats_ref),
]


def _binom_args(draw, n):
    trials = draw(st.integers(1, 30))
    return {"k": np.array(draw(st.lists(st.integers(0, trials), min_size=n, max_size=n))),
            "n": trials, "p": draw(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]))}


def _binary_x(draw, n):
    return {"x": _labels(draw, n, 2), "p": draw(st.sampled_from([0.1, 0.5, 0.9]))}


def _ttest_ref(a, b, **kw):
    return tuple(ss.ttest_ind(a, b, **kw))


STATS = [
    Target("stats", "ttest_ind", stats.ttest_ind, two_samples, (), (), _ttest_ref,
           spoil_only=("a", "b")),
    Target("stats", "permutation_test", stats.permutation_test,
           lambda draw, n: two_samples(draw, min(n, 4), ("x", "y")), (), (),
           fixed={"n_resamples": 200, "random_state": 0}, spoil_only=("x", "y")),
    Target("stats", "binomtest", stats.binomtest,
           lambda draw, n: {"k": (t := draw(st.integers(1, 40))) // 2, "n": t,
                            "p": draw(st.sampled_from([0.1, 0.5, 0.8]))},
           (), (), lambda k, n, p: ss.binomtest(k, n, p), spoil_only=("k", "n", "p")),
    Target("stats", "binom_pmf", stats.binom_pmf, _binom_args, (), (),
           lambda k, n, p: ss.binom.pmf(k, n, p), spoil_only=("k", "n", "p")),
    Target("stats", "binom_cdf", stats.binom_cdf, _binom_args, (), (),
           lambda k, n, p: ss.binom.cdf(k, n, p), spoil_only=("k", "n", "p")),
    Target("stats", "binom_sf", stats.binom_sf, _binom_args, (), (),
           lambda k, n, p: ss.binom.sf(k, n, p), spoil_only=("k", "n", "p")),
    Target("stats", "binom_normal_approx", stats.binom_normal_approx, _binom_args, (), (),
           spoil_only=("k", "n", "p")),
    Target("stats", "multipletests", stats.multipletests,
           lambda draw, n: {"pvals": _floats(draw, n, 0.0, 1.0) ** 3}, ("pvals",), (),
           fixed={"method": "fdr_bh"}),
    Target("stats", "fit_bernoulli", stats.fit_bernoulli,
           lambda draw, n: {"x": _labels(draw, n, 2)}, ("x",), ("x",)),
    Target("stats", "bernoulli_nll", stats.bernoulli_nll, _binary_x, ("x",), ("x",),
           lambda x, p: -ss.bernoulli.logpmf(x, p).sum(), spoil_only=("x", "p")),
    Target("stats", "fit_categorical", stats.fit_categorical,
           lambda draw, n: {"x": _labels(draw, n, 3)}, ("x",), ("x",)),
    Target("stats", "categorical_nll", stats.categorical_nll,
           lambda draw, n: {"x": _labels(draw, n, 3), "probs": np.array([0.2, 0.3, 0.5])},
           ("x",), ("x",), spoil_only=("x", "probs")),
    Target("stats", "fit_gaussian", stats.fit_gaussian,
           lambda draw, n: {"x": _floats(draw, n + 1)}, ("x",), ()),
    Target("stats", "gaussian_nll", stats.gaussian_nll,
           lambda draw, n: {"x": _floats(draw, n), "mean": 0.5, "var": 2.0}, ("x",), (),
           lambda x, mean, var: -ss.norm.logpdf(x, mean, np.sqrt(var)).sum(),
           spoil_only=("x", "mean", "var")),
]


def _loss_ref(name):
    fn = getattr(torch.nn.functional, name)

    def ref(input, target, **kw):
        t = torch.from_numpy(np.asarray(target))
        return float(fn(torch.from_numpy(np.asarray(input)), t, **kw))
    return ref


def _pair_of_floats(draw, n):
    return {"input": _floats(draw, n).astype(np.float32),
            "target": _floats(draw, n).astype(np.float32)}


def _logits_and_classes(draw, n):
    return {"input": _floats(draw, n * 3).reshape(n, 3), "target": _labels(draw, n, 3)}


def _probs_and_targets(draw, n):
    return {"input": _floats(draw, n, 0.01, 0.99), "target": _labels(draw, n, 2) * 1.0}


def _router_probs_and_choices(draw, n):
    logits = _floats(draw, n * 3).reshape(n, 3)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return {"router_probs": e / e.sum(axis=1, keepdims=True),
            "expert_index": _labels(draw, n, 3)}


def _load_balancing_ref(router_probs, expert_index):
    """Switch's E · Σ f_i P_i in torch: f over all assignments, P the mean probability."""
    probs = torch.from_numpy(np.asarray(router_probs))
    E = probs.shape[-1]
    idx = torch.from_numpy(np.asarray(expert_index)).reshape(-1)
    fraction = torch.nn.functional.one_hot(idx, E).to(probs.dtype).mean(dim=0)
    return float(E * (fraction * probs.reshape(-1, E).mean(dim=0)).sum())


def _router_z_ref(router_logits):
    logits = torch.from_numpy(np.asarray(router_logits))
    return float(torch.logsumexp(logits, dim=-1).square().mean())


def _student_and_teacher(draw, n):
    return {"student_logits": _floats(draw, n * 3).reshape(n, 3),
            "teacher_logits": _floats(draw, n * 3).reshape(n, 3)}


def _distillation_ref(student_logits, teacher_logits, temperature=2.0):
    """Hinton's T² · KL(softmax(teacher/T) || softmax(student/T)), batch mean, in torch."""
    s = torch.from_numpy(np.asarray(student_logits)) / temperature
    t = torch.from_numpy(np.asarray(teacher_logits)) / temperature
    kl = torch.nn.functional.kl_div(torch.log_softmax(s, -1), torch.log_softmax(t, -1),
                                    reduction="batchmean", log_target=True)
    return float(temperature ** 2 * kl)


LOSSES = [
    Target("loss", "distillation_loss", F.distillation_loss, _student_and_teacher,
           ("student_logits", "teacher_logits"), (), _distillation_ref),
    Target("loss", "mse_loss", F.mse_loss, _pair_of_floats, ("input", "target"), (),
           _loss_ref("mse_loss")),
    Target("loss", "l1_loss", F.l1_loss, _pair_of_floats, ("input", "target"), (),
           _loss_ref("l1_loss")),
    Target("loss", "cross_entropy", F.cross_entropy, _logits_and_classes,
           ("input", "target"), ("target",), _loss_ref("cross_entropy")),
    Target("loss", "nll_loss", F.nll_loss, _logits_and_classes, ("input", "target"),
           ("target",), _loss_ref("nll_loss")),
    Target("loss", "binary_cross_entropy", F.binary_cross_entropy, _probs_and_targets,
           ("input", "target"), ("target",), _loss_ref("binary_cross_entropy")),
    Target("loss", "binary_cross_entropy_with_logits", F.binary_cross_entropy_with_logits,
           _probs_and_targets, ("input", "target"), ("target",),
           _loss_ref("binary_cross_entropy_with_logits")),
    Target("loss", "load_balancing_loss", F.load_balancing_loss, _router_probs_and_choices,
           ("router_probs", "expert_index"), ("expert_index",), _load_balancing_ref),
    Target("loss", "router_z_loss", F.router_z_loss,
           lambda draw, n: {"router_logits": _floats(draw, n * 3).reshape(n, 3)},
           ("router_logits",), (), _router_z_ref),
]

TARGETS = METRICS + STATS + LOSSES


# ---------------------------------------------------------------------------------------
# Judging one call
# ---------------------------------------------------------------------------------------


def _call(fn, kwargs):
    """``(result or exception, warnings raised)``: every warning recorded."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return fn(**kwargs), caught
        except Exception as exc:
            return exc, caught


def _numbers(x):
    """The numbers of a result, flattened to one float array, in a fixed order."""
    if isinstance(x, Tensor):
        x = x.data
    if isinstance(x, dict):
        return np.concatenate([_numbers(x[k]) for k in sorted(x, key=str)] or [np.zeros(0)])
    if hasattr(x, "statistic") and hasattr(x, "pvalue"):
        return np.array([x.statistic, x.pvalue], dtype=np.float64)
    if isinstance(x, tuple | list):
        parts = [_numbers(v) for v in x if v is not None]
        return np.concatenate(parts) if parts else np.zeros(0)
    return np.atleast_1d(np.asarray(x, dtype=np.float64)).ravel()


def _as_tensor_if_possible(v):
    """A loss takes its ``input`` as a Tensor; values no Tensor can hold (strings, ragged
    lists) go in as they are, and the loss must refuse them by name."""
    try:
        return Tensor(v)
    except (TypeError, ValueError):
        return v


def _to_torch_kwargs(kwargs):
    return {k: (_as_tensor_if_possible(v) if k == "input" else v) for k, v in kwargs.items()}


def _broadcast_scalar_weight(kwargs):
    """A number as ``sample_weight`` is the same weight for every sample: we accept it (as
    scikit-learn's estimators do); scikit-learn's metrics ask for an array, so the
    reference gets the array."""
    w = kwargs.get("sample_weight")
    if w is None or np.ndim(w) != 0 or isinstance(w, str):
        return kwargs
    first = next(v for k, v in kwargs.items() if k != "sample_weight")
    return {**kwargs, "sample_weight": np.full(len(first), w)}


def _non_finite(kwargs) -> bool:
    return any(isinstance(v, np.ndarray) and v.dtype.kind == "f" and not np.isfinite(v).all()
               for v in kwargs.values())


def judge(target: Target, kwargs: dict, spoiled: tuple[str, ...]) -> None:
    """Run ``target`` on ``kwargs`` (whose ``spoiled`` arguments were damaged) and check
    the outcome (see the module docstring)."""
    call_kwargs = _to_torch_kwargs(kwargs) if target.kind == "loss" else kwargs
    out, caught = _call(target.fn, call_kwargs)
    where = f"{target.name}({', '.join(spoiled)} spoiled)"
    if isinstance(out, BaseException):
        assert isinstance(out, ValueError | TypeError), (
            f"{where}: raised {type(out).__name__}: {out}")
        assert any(name in str(out) for name in spoiled), (
            f"{where}: the message does not name {spoiled}: {out}")
        return
    runtime = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert not runtime, f"{where}: RuntimeWarning {runtime}"
    mine = _numbers(out)
    if np.isnan(mine).any() and not (target.kind == "loss" and _non_finite(kwargs)):
        # A loss propagates NaN and inf from its input, as PyTorch's do (the forward pass
        # does not scan every activation); the reference below must agree. Metrics and
        # statistics must refuse such input instead.
        assert caught, f"{where}: NaN without a warning: {out!r}"
    if target.reference is None:
        return
    ref, _ = _call(target.reference, _broadcast_scalar_weight(kwargs))
    if isinstance(ref, BaseException):
        raise AssertionError(f"{where}: returned {out!r} where the reference raised "
                             f"{type(ref).__name__}: {ref}")
    theirs = _numbers(ref)
    assert mine.shape == theirs.shape, (where, out, ref)
    if target.kind == "loss" and _non_finite(kwargs):
        # inf or NaN in, inf or NaN out: which of the two depends on how the formula is
        # arranged (PyTorch's BCE-with-logits gives NaN at x = -inf, y = 1, where the loss
        # is +inf); only the finite answers must agree.
        finite = np.isfinite(mine) & np.isfinite(theirs)
        mine, theirs = mine[finite], theirs[finite]
    np.testing.assert_allclose(mine, theirs, rtol=RTOL, atol=ATOL, equal_nan=True,
                               err_msg=where)


def _per_sample(target, kwargs, n_keep):
    return {k: (v[:n_keep] if k in target.samples and isinstance(v, np.ndarray) else v)
            for k, v in kwargs.items()}


def hostile_call(target: Target, draw) -> tuple[dict, tuple[str, ...]]:
    """A valid call of ``target`` with one thing spoiled: its kwargs and what was spoiled."""
    n = draw(st.integers(2, 8))
    kwargs = {k: v for k, v in target.valid(draw, n).items() if v is not None}
    kwargs.update(target.fixed)
    arrays = target.spoil_only or tuple(k for k in kwargs if k not in target.fixed)
    whole = draw(st.sampled_from(WHOLE_KINDS + ["arg"] * 6))
    if whole == "valid":
        return kwargs, arrays
    if whole == "one_sample" and target.samples:
        return _per_sample(target, kwargs, 1), target.samples
    if whole == "nothing" and target.samples:
        return _per_sample(target, kwargs, 0), target.samples
    if whole == "one_class" and target.labels:
        for name in target.labels:
            kwargs[name] = np.full_like(kwargs[name], kwargs[name].flat[0])
        return kwargs, target.labels
    name = draw(st.sampled_from(arrays))
    kwargs[name] = spoil(draw(st.sampled_from(ARG_KINDS)), kwargs[name], draw)
    return kwargs, (name,)


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.kind}:{t.name}")
def test_hostile_input_gets_a_clear_error_or_the_right_answer(target, fuzz_tally):
    @FUZZ
    @given(st.data())
    def run(data):
        kwargs, spoiled = hostile_call(target, data.draw)
        fuzz_tally(target.kind, target.name)
        judge(target, kwargs, spoiled)

    run()


def test_every_public_metric_stats_function_and_loss_is_fuzzed():
    # A new public function must join the targets above.
    fuzzed = {t.name for t in TARGETS}
    public = set(metrics.__all__)
    public |= {n for n in stats.__all__ if n[0].islower()}
    public |= {n for n in F.__all__ if n.endswith(("_loss", "entropy", "_logits"))}
    assert public - fuzzed == set()
