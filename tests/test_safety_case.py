"""The hazard log holds: every hazard complete, its risk from the matrix, every control it names
still in the program, and the rendered log what the data says.

A control that disappears (a rule renamed, a promise dropped, a test deleted) fails here, so the
safety case cannot silently drift from the code.
"""
from __future__ import annotations

import os

import pytest

from engine import promises
from engine.rulebase import load

import safety_log


@pytest.fixture(scope="module")
def matrix() -> dict:
    return safety_log.load_matrix()


@pytest.fixture(scope="module")
def hazards() -> list[dict]:
    return safety_log.load_hazards()


def test_the_matrix_is_dcb0129s_cell_by_cell(matrix):
    """The published table (NHS England, UK Core hazard log), rows from very high to very low."""
    published = {
        "very_high": [3, 4, 4, 5, 5],
        "high": [2, 3, 3, 4, 5],
        "medium": [2, 2, 3, 3, 4],
        "low": [1, 2, 2, 3, 4],
        "very_low": [1, 1, 2, 2, 3],
    }
    assert list(matrix["severity"]) == ["minor", "significant", "considerable", "major", "catastrophic"]
    assert list(matrix["likelihood"]) == ["very_low", "low", "medium", "high", "very_high"]
    assert matrix["risk"] == published
    assert sorted(matrix["acceptability"]) == [1, 2, 3, 4, 5]


def test_risk_is_read_from_the_matrix(matrix):
    assert safety_log.risk(matrix, {"severity": "major", "likelihood": "medium"}) == 3
    assert safety_log.risk(matrix, {"severity": "catastrophic", "likelihood": "very_low"}) == 3
    assert safety_log.risk(matrix, {"severity": "minor", "likelihood": "very_high"}) == 3


def test_every_hazard_is_complete_and_every_control_exists(hazards, matrix):
    rule_ids = {rule.id for rule in load().rules}
    tests = safety_log.collected(safety_log.named_tests(hazards))
    assert safety_log.problems(hazards, matrix, rule_ids, set(promises.PROMISES), tests) == []


def test_above_the_ceiling_only_open_and_the_case_names_every_hazard_not_closed(hazards, matrix):
    """A residual risk above the release ceiling is never closed (the checker says so too), and
    the case report's open points name every hazard that is not closed, with the log's totals:
    the report cannot claim more than the log."""
    ceiling = matrix["release_ceiling"]
    assert [h["id"] for h in hazards if h["status"] == "closed" and safety_log.risk(matrix, h["residual"]) > ceiling] == []
    case = (safety_log.SAFETY / "case.md").read_text(encoding="utf-8")
    open_points = case.split("\n## 5. ")[1].split("\n## ")[0]
    assert [h["id"] for h in hazards if h["status"] != "closed" and h["id"] not in open_points] == []
    assert safety_log.totals(hazards, matrix) in case.replace("\n", " ")


def test_the_checker_notices_a_missing_control(hazards, matrix):
    """The check above can fail: a renamed rule, a lost promise and a deleted test are named."""
    broken = dict(hazards[0], controls=[{"rule": "no-such-rule"}, {"promise": "no_such_promise"},
                                        {"test": "tests/test_safety_case.py::test_no_such_test"}])
    found = safety_log.problems([broken], matrix, set(), set(), set())
    assert any("no-such-rule" in line for line in found)
    assert any("no_such_promise" in line for line in found)
    assert any("test_no_such_test" in line for line in found)


def test_a_test_is_known_by_what_pytest_collects():
    """A parametrized test by its function's node id, never a case's; a near miss is no test."""
    real = "tests/test_safety_case.py::test_risk_is_read_from_the_matrix"
    cases = "tests/test_promises.py::test_the_references_limit_by_age"
    named = {real, real + "x", cases, cases + "[0-None]", "tests/test_promises.py::test_the_references",
             "tests/no_file.py::test_x"}
    assert safety_log.collected(named) == {real, cases}


def test_the_checker_notices_a_typed_risk_and_a_residual_above_the_initial(hazards, matrix):
    broken = dict(hazards[0], initial={"severity": "minor", "likelihood": "low", "risk": 1},
                  residual={"severity": "major", "likelihood": "high"})
    found = safety_log.problems([broken], matrix, set(), set(), set())
    assert any("risk is computed" in line for line in found)
    assert any("above the initial" in line for line in found)


def test_the_rendered_log_is_what_the_data_says(hazards, matrix):
    page = safety_log.SAFETY / "hazard-log.md"
    fresh = safety_log.render(hazards, matrix)
    if os.environ.get("MAGNESIUM_UPDATE_GOLDEN"):
        page.write_text(fresh, encoding="utf-8")
    assert page.read_text(encoding="utf-8") == fresh


def test_the_checker_wants_missing_exactly_where_a_hazard_is_not_closed(hazards, matrix):
    """A closed hazard has nothing missing; an open one says what is; only an open hazard that
    says so may have no control in this code. Lists are lists, unknown keys are named."""
    closed = dict(hazards[0], status="closed", missing="x")
    silent = {k: v for k, v in dict(hazards[0], status="open").items() if k != "missing"}
    bare = dict(hazards[0], status="open", missing="the web intake is not merged", controls=[])
    bare_closed = {k: v for k, v in dict(hazards[0], status="closed", controls=[]).items() if k != "missing"}
    odd = dict(hazards[0], found_by="one text", residual_risk=2)
    say = lambda h: safety_log.problems([h], matrix, set(), set(), set())  # noqa: E731
    assert any("says what is missing" in line for line in say(closed))
    assert any("says what is missing" in line for line in say(silent))
    assert not any("controls" in line or "test" in line for line in say(bare))
    assert any("controls missing" in line for line in say(bare_closed))
    assert any("found_by must be a list" in line for line in say(odd))
    assert any("'residual_risk' unknown" in line for line in say(odd))
