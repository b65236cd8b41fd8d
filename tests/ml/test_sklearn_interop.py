"""Our estimators inside scikit-learn: ``Pipeline``, ``cross_val_score``, ``GridSearchCV``,
``clone``, its scorers and its ``NotFittedError``.

The reference is scikit-learn's own estimator in the same place: the same pipeline, folds
and scorer with ``sklearn.linear_model.LogisticRegression`` instead of ours must give the
same scores. Where both libraries solve the same problem to a tolerance (L-BFGS, SMO,
coordinate descent), a test sample whose decision lies within that tolerance of the
boundary may go the other way, so accuracy per fold may differ by at most one test
sample (``atol = 1 / n_test``); continuous scores (R², log loss, AUC) agree to ``1e-4``.
Estimators that draw their own random numbers (forests, bagging) cannot match scikit-learn
tree for tree; for those the reference is the same folds fitted by hand.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pytest
import sklearn.decomposition
import sklearn.linear_model
import sklearn.naive_bayes
import sklearn.svm
import sklearn.tree
import sklearn.utils.validation
from sklearn import datasets
from sklearn.base import clone as sk_clone
from sklearn.base import is_classifier as sk_is_classifier
from sklearn.base import is_regressor as sk_is_regressor
from sklearn.exceptions import NotFittedError as SkNotFittedError
from sklearn.model_selection import GridSearchCV as SkGridSearchCV
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import get_tags

import mlinterview.ml.decomposition as our_decomposition
import mlinterview.ml.ensemble as our_ensemble
import mlinterview.ml.linear_model as our_linear
import mlinterview.ml.naive_bayes as our_nb
import mlinterview.ml.svm as our_svm
import mlinterview.ml.tree as our_tree
from mlinterview.ml.anomaly import IsolationForest
from mlinterview.ml.cluster import KMeans
from mlinterview.ml.exceptions import NotFittedError
from mlinterview.ml.mixture import GaussianMixture


def _classification(name):
    if name == "iris":
        return datasets.load_iris(return_X_y=True)
    if name == "wine":
        return datasets.load_wine(return_X_y=True)
    if name == "breast_cancer":
        return datasets.load_breast_cancer(return_X_y=True)
    X, y = datasets.make_classification(n_samples=200, n_features=6, n_informative=4,
                                        n_classes=3, random_state=0)
    return X, y


def _regression(name):
    if name == "diabetes":
        return datasets.load_diabetes(return_X_y=True)
    return datasets.make_regression(n_samples=150, n_features=5, noise=10.0, random_state=0)


CLF_DATA = ["iris", "wine", "breast_cancer", "synthetic"]
REG_DATA = ["diabetes", "synthetic"]

# (ours, scikit-learn's): the same model with the same parameters.
CLASSIFIERS = {
    "logistic": (lambda: our_linear.LogisticRegression(max_iter=1000),
                 lambda: sklearn.linear_model.LogisticRegression(max_iter=1000)),
    "gaussian-nb": (our_nb.GaussianNB, sklearn.naive_bayes.GaussianNB),
    "tree": (lambda: our_tree.DecisionTreeClassifier(max_depth=4, random_state=0),
             lambda: sklearn.tree.DecisionTreeClassifier(max_depth=4, random_state=0)),
    "svc": (our_svm.SVC, sklearn.svm.SVC),
    "linear-svc": (lambda: our_svm.LinearSVC(dual=False),
                   lambda: sklearn.svm.LinearSVC(dual=False)),
}
REGRESSORS = {
    "linear": (our_linear.LinearRegression, sklearn.linear_model.LinearRegression),
    "ridge": (lambda: our_linear.Ridge(alpha=2.0), lambda: sklearn.linear_model.Ridge(alpha=2.0)),
    "lasso": (lambda: our_linear.Lasso(alpha=0.5, tol=1e-8, max_iter=10_000),
              lambda: sklearn.linear_model.Lasso(alpha=0.5, tol=1e-8, max_iter=10_000)),
    "tree": (lambda: our_tree.DecisionTreeRegressor(max_depth=3, random_state=0),
             lambda: sklearn.tree.DecisionTreeRegressor(max_depth=3, random_state=0)),
}


def test_importing_and_using_the_library_never_imports_scikit_learn():
    # Run in a fresh interpreter: this test process has imported scikit-learn already.
    code = (
        "import sys, numpy as np\n"
        "import mlinterview.ml, mlinterview.ml.linear_model as lm, mlinterview.ml.ensemble as e\n"
        "import mlinterview.ml.model_selection as ms, mlinterview.ml.tree as t\n"
        "X = np.random.default_rng(0).normal(size=(60, 3)); y = (X[:, 0] > 0).astype(int)\n"
        "m = lm.LogisticRegression().fit(X, y); m.predict(X); m.score(X, y)\n"
        "ms.cross_val_score(t.DecisionTreeClassifier(), X, y, cv=3)\n"
        "ms.GridSearchCV(e.RandomForestClassifier(5), {'max_depth': [2, 3]}, cv=2).fit(X, y)\n"
        "try:\n"
        "    lm.Ridge().predict(X)\n"
        "except mlinterview.ml._validation.NotFittedError:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m == 'sklearn' or m.startswith('sklearn.'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _pair_scores(make_ours, make_ref, X, y, cv, scoring=None):
    ours = cross_val_score(make_pipeline(StandardScaler(), make_ours()), X, y, cv=cv,
                           scoring=scoring, error_score="raise")
    ref = cross_val_score(make_pipeline(StandardScaler(), make_ref()), X, y, cv=cv,
                          scoring=scoring, error_score="raise")
    return ours, ref


@pytest.mark.parametrize("data", CLF_DATA)
@pytest.mark.parametrize("model", sorted(CLASSIFIERS))
def test_cross_val_score_of_a_pipeline_matches_scikit_learns_estimator(model, data):
    X, y = _classification(data)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    ours, ref = _pair_scores(*CLASSIFIERS[model], X, y, cv)
    assert np.all(np.isfinite(ours))
    n_test = len(y) // 5
    np.testing.assert_allclose(ours, ref, rtol=0, atol=1.0 / n_test + 1e-12)


@pytest.mark.parametrize("data", REG_DATA)
@pytest.mark.parametrize("model", sorted(REGRESSORS))
def test_regressor_r2_in_a_pipeline_matches_scikit_learns(model, data):
    X, y = _regression(data)
    ours, ref = _pair_scores(*REGRESSORS[model], X, y, KFold(4, shuffle=True, random_state=1))
    np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("scoring", ["roc_auc", "neg_log_loss", "f1", "average_precision"])
def test_scikit_learns_probability_and_threshold_scorers_read_our_outputs(scoring):
    # These scorers ask the estimator for predict_proba or decision_function and need
    # classes_ and the classifier tag: the parts of the contract beyond predict.
    X, y = _classification("breast_cancer")
    cv = StratifiedKFold(4, shuffle=True, random_state=2)
    ours, ref = _pair_scores(*CLASSIFIERS["logistic"], X, y, cv, scoring=scoring)
    np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-4)


def test_grid_search_of_scikit_learn_tunes_our_estimator_as_its_own():
    X, y = _classification("wine")
    grid = {"logisticregression__C": [0.01, 0.1, 1.0, 10.0]}
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    ours = SkGridSearchCV(make_pipeline(StandardScaler(), our_linear.LogisticRegression()),
                          grid, cv=cv, error_score="raise").fit(X, y)
    ref = SkGridSearchCV(make_pipeline(StandardScaler(),
                                       sklearn.linear_model.LogisticRegression()),
                         grid, cv=cv, error_score="raise").fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               ref.cv_results_["mean_test_score"], atol=1.0 / 59 + 1e-12)
    assert isinstance(ours.best_estimator_[-1], our_linear.LogisticRegression)
    np.testing.assert_array_equal(ours.predict(X), ours.best_estimator_.predict(X))


def test_grid_search_reaches_into_a_voting_ensembles_members():
    # "<member>__<param>" names a parameter of one member, as scikit-learn's ensembles do.
    X, y = _classification("iris")
    vote = our_ensemble.VotingClassifier([("lr", our_linear.LogisticRegression(max_iter=500)),
                                          ("nb", our_nb.GaussianNB())], voting="soft")
    search = SkGridSearchCV(vote, {"lr__C": [0.01, 1.0], "weights": [None, [2, 1]]}, cv=3,
                            error_score="raise").fit(X, y)
    best = search.best_estimator_
    assert search.best_params_["lr__C"] == best.estimators[0][1].C
    assert best.weights == search.best_params_["weights"]
    assert vote.estimators[0][1].C == 1.0                 # the original is left alone


@pytest.mark.slow      # starting joblib's worker processes takes seconds
def test_parallel_folds_in_worker_processes_score_as_sequential_ones():
    # n_jobs=2 pickles our estimator into joblib's worker processes and back.
    X, y = _classification("breast_cancer")
    cv = StratifiedKFold(4, shuffle=True, random_state=0)
    est = make_pipeline(StandardScaler(), our_linear.LogisticRegression())
    np.testing.assert_array_equal(
        cross_val_score(est, X, y, cv=cv, n_jobs=2, error_score="raise"),
        cross_val_score(est, X, y, cv=cv, n_jobs=1, error_score="raise"))


@pytest.mark.parametrize("make", [
    lambda: our_ensemble.RandomForestClassifier(n_estimators=10, random_state=0),
    lambda: our_ensemble.BaggingClassifier(n_estimators=5, random_state=0),
    lambda: our_ensemble.GradientBoostingClassifier(n_estimators=10, random_state=0),
    lambda: our_ensemble.AdaBoostClassifier(n_estimators=10, random_state=0),
], ids=["forest", "bagging", "gradient-boosting", "adaboost"])
def test_random_ensembles_score_in_scikit_learn_as_when_fitted_by_hand(make):
    X, y = _classification("synthetic")
    cv = StratifiedKFold(4, shuffle=True, random_state=0)
    scores = cross_val_score(make(), X, y, cv=cv, error_score="raise")
    by_hand = [make().fit(X[tr], y[tr]).score(X[te], y[te]) for tr, te in cv.split(X, y)]
    np.testing.assert_array_equal(scores, by_hand)


ALL_SUPERVISED = {
    "LogisticRegression": our_linear.LogisticRegression,
    "SGDClassifier": lambda: our_linear.SGDClassifier(loss="log_loss", random_state=0),
    "SVC": our_svm.SVC,
    "LinearSVC": lambda: our_svm.LinearSVC(random_state=0),
    "DecisionTreeClassifier": our_tree.DecisionTreeClassifier,
    "RandomForestClassifier": lambda: our_ensemble.RandomForestClassifier(5, random_state=0),
    "GradientBoostingClassifier": lambda: our_ensemble.GradientBoostingClassifier(
        n_estimators=5, random_state=0),
    "AdaBoostClassifier": lambda: our_ensemble.AdaBoostClassifier(n_estimators=5,
                                                                  random_state=0),
    "BaggingClassifier": lambda: our_ensemble.BaggingClassifier(n_estimators=3,
                                                                random_state=0),
    "VotingClassifier": lambda: our_ensemble.VotingClassifier(
        [("lr", our_linear.LogisticRegression()), ("nb", our_nb.GaussianNB())]),
    "StackingClassifier": lambda: our_ensemble.StackingClassifier(
        [("lr", our_linear.LogisticRegression()), ("nb", our_nb.GaussianNB())], cv=3),
    "GaussianNB": our_nb.GaussianNB,
    "LinearRegression": our_linear.LinearRegression,
    "Ridge": our_linear.Ridge,
    "Lasso": lambda: our_linear.Lasso(alpha=0.1),
    "ElasticNet": lambda: our_linear.ElasticNet(alpha=0.1),
    "SGDRegressor": lambda: our_linear.SGDRegressor(random_state=0),
    "DecisionTreeRegressor": our_tree.DecisionTreeRegressor,
    "RandomForestRegressor": lambda: our_ensemble.RandomForestRegressor(5, random_state=0),
    "GradientBoostingRegressor": lambda: our_ensemble.GradientBoostingRegressor(
        n_estimators=30, random_state=0),
}


@pytest.mark.parametrize("name", sorted(ALL_SUPERVISED))
def test_every_supervised_estimator_cross_validates_in_a_scikit_learn_pipeline(name):
    est = ALL_SUPERVISED[name]()
    X, y = (_classification("iris") if sk_is_classifier(est)
            else _regression("synthetic"))
    pipe = make_pipeline(StandardScaler(), est)
    cv = (StratifiedKFold if sk_is_classifier(est) else KFold)(3, shuffle=True,
                                                               random_state=0)
    scores = cross_val_score(pipe, X, y, cv=cv, error_score="raise")
    # The same folds fitted and scored by hand: the estimator's own score, fold by fold.
    by_hand = [sk_clone(pipe).fit(X[tr], y[tr]).score(X[te], y[te])
               for tr, te in cv.split(X, y)]
    np.testing.assert_allclose(scores, by_hand, rtol=1e-12)
    assert scores.mean() > (0.8 if sk_is_classifier(est) else 0.5)


def test_unsupervised_estimators_cross_validate_with_their_score():
    X, _ = _classification("wine")
    for est in (KMeans(3, random_state=0), GaussianMixture(2, random_state=0)):
        scores = cross_val_score(make_pipeline(StandardScaler(), est), X, cv=3,
                                 error_score="raise")
        assert np.all(np.isfinite(scores))
    detector = make_pipeline(StandardScaler(), IsolationForest(n_estimators=20,
                                                                random_state=0)).fit(X)
    assert set(np.unique(detector.predict(X))) <= {-1, 1}


def test_sklearn_clone_of_our_estimator_is_unfitted_with_equal_parameters():
    X, y = _classification("iris")
    est = our_ensemble.StackingClassifier(
        [("tree", our_tree.DecisionTreeClassifier(max_depth=2))],
        our_linear.LogisticRegression(C=0.3), cv=3).fit(X, y)
    copy = sk_clone(est)
    assert not hasattr(copy, "estimators_")
    assert copy.final_estimator is not est.final_estimator
    assert copy.final_estimator.C == 0.3
    assert copy.get_params(deep=False).keys() == est.get_params(deep=False).keys()


@pytest.mark.parametrize("est, kind", [
    (our_linear.LogisticRegression(), "classifier"),
    (our_linear.Ridge(), "regressor"),
    (our_ensemble.VotingClassifier([("nb", our_nb.GaussianNB())]), "classifier"),
    (our_decomposition.PCA(), "transformer"),
    (KMeans(2), "clusterer"),
    (GaussianMixture(2), "density_estimator"),
    (IsolationForest(), "outlier_detector"),
])
def test_scikit_learn_reads_what_each_estimator_is_from_its_tags(est, kind):
    tags = get_tags(est)
    if kind == "transformer":
        assert tags.transformer_tags is not None and tags.estimator_type is None
    else:
        assert tags.estimator_type == kind
    assert sk_is_classifier(est) == (kind == "classifier")
    assert sk_is_regressor(est) == (kind == "regressor")


def test_multinomial_nb_says_it_needs_non_negative_input():
    assert get_tags(our_nb.MultinomialNB()).input_tags.positive_only
    with pytest.raises(ValueError, match="Negative values in data"):
        our_nb.MultinomialNB().fit([[-1.0, 2.0], [1.0, 0.0]], [0, 1])


def test_our_not_fitted_error_is_scikit_learns_too():
    # scikit-learn's code catches its own NotFittedError (e.g. to decide whether to refit);
    # ours is raised as a subclass of both once scikit-learn is imported.
    est = our_linear.LogisticRegression()
    with pytest.raises(SkNotFittedError):
        est.predict(np.zeros((2, 3)))
    with pytest.raises(NotFittedError):
        est.predict(np.zeros((2, 3)))
    with pytest.raises(SkNotFittedError):
        sklearn.utils.validation.check_is_fitted(est)
    est.fit(np.eye(4), [0, 1, 0, 1])
    sklearn.utils.validation.check_is_fitted(est)


def test_our_errors_survive_pickling_as_joblib_workers_send_them():
    with pytest.raises(NotFittedError) as info:
        our_linear.Ridge().predict(np.zeros((2, 2)))
    back = pickle.loads(pickle.dumps(info.value))
    assert isinstance(back, SkNotFittedError) and isinstance(back, NotFittedError)
    assert back.args == info.value.args


def test_has_predict_proba_only_where_it_exists():
    # scikit-learn asks hasattr(est, "predict_proba") to pick a response method.
    assert not hasattr(our_linear.SGDClassifier(), "predict_proba")
    assert hasattr(our_linear.SGDClassifier(loss="log_loss"), "predict_proba")
    members = [("nb", our_nb.GaussianNB())]
    assert not hasattr(our_ensemble.VotingClassifier(members), "predict_proba")
    assert hasattr(our_ensemble.VotingClassifier(members, voting="soft"), "predict_proba")


def test_our_transformer_and_clusterer_work_in_a_scikit_learn_pipeline():
    X, y = _classification("wine")
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    ours = cross_val_score(make_pipeline(StandardScaler(), our_decomposition.PCA(3),
                                         sklearn.linear_model.LogisticRegression()), X, y,
                           cv=cv, error_score="raise")
    ref = cross_val_score(make_pipeline(StandardScaler(), sklearn.decomposition.PCA(3),
                                        sklearn.linear_model.LogisticRegression()), X, y,
                          cv=cv, error_score="raise")
    # PCA axes agree up to rounding; the downstream model then sees the same features.
    np.testing.assert_allclose(ours, ref, atol=1e-12)
    labels = make_pipeline(StandardScaler(), KMeans(3, random_state=0)).fit_predict(X)
    assert labels.shape == (len(X),) and set(labels) == {0, 1, 2}


def test_cross_val_predict_returns_our_probabilities_fold_by_fold():
    X, y = _classification("iris")
    cv = StratifiedKFold(5, shuffle=True, random_state=3)
    est = make_pipeline(StandardScaler(), our_nb.GaussianNB())
    proba = cross_val_predict(est, X, y, cv=cv, method="predict_proba")
    for train, test in cv.split(X, y):
        fitted = sk_clone(est).fit(X[train], y[train])
        np.testing.assert_allclose(proba[test], fitted.predict_proba(X[test]), rtol=1e-12)
