"""The least-squares demo's table checked against NumPy and the error bounds of theory."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.linear_models.least_squares import polynomial_design

EPS = np.finfo(float).eps


@pytest.fixture(scope="module")
def table():
    return registry()["least-squares"].run().result.table


def test_condition_numbers_match_numpy(table):
    for row in table.rows:
        degree, cond = row[0], row[1]
        assert cond == pytest.approx(np.linalg.cond(polynomial_design(100, degree)), rel=1e-3)


def test_qr_and_svd_stay_within_the_backward_stable_bound(table):
    # A backward-stable solver errs by at most a modest multiple of eps * cond(X).
    for row in table.rows:
        cond, qr_err, svd_err = row[1], row[3], row[4]
        assert qr_err <= 100 * EPS * cond + 1e-15
        assert svd_err <= 100 * EPS * cond + 1e-15


def test_normal_equations_lose_digits_that_qr_keeps(table):
    last = table.rows[-1]
    assert last[1] > 1e8
    normal_err, qr_err = last[2], last[3]
    assert normal_err > 1e4 * qr_err
    # The normal equations' error grows like eps * cond², far beyond eps * cond.
    assert normal_err > 1e3 * EPS * last[1]


def test_smaller_run_repeats_the_first_rows(table):
    short = registry()["least-squares"].run(max_degree=6).result.table
    assert short.rows == table.rows[:6]
