"""Tables in the terminal summary at 80 and 120 columns (issue 21): a grid only where every cell
fits on two lines at most, else a list of rows; never strips of one or two words a line."""
from __future__ import annotations

from datetime import date

import pytest

from engine.answers import complete
from questionnaire.summary.build import build
from questionnaire.summary.model import Fields, Section, Summary, Table
from questionnaire.summary.render_text import render_text

TODAY = date(2025, 1, 15)
ADVICE = Table(("Role", "Form", "A day", "When", "How long", "Doctor first?", "Evidence"), (
    ("First choice", "Magnesium malate", "100–250 mg elemental magnesium", "—", "—", "no", "very low"),
    ("Instead", "Magnesium oxide", "100–250 mg elemental magnesium", "before going to sleep", "30 days", "yes",
     "very low"),
))
FOLLOW_UP = Table(("Complaint", "At the intake (severity)", "Now (severity)", "Change"), (
    ("Muscle cramps", "yes (7 of 10)", "yes (3 of 10)", "4 less"),
    ("Sleep problems", "yes (4 of 10)", "no", "no longer named"),
))
CLIENTS = [
    {"age": 52, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
     "complaints": ["muscle_cramps", "sleep_problems", "fibromyalgia", "restless_legs"], "medications": ["antibiotics"]},
    {"age": 40, "sex": "male", "kidney": "none", "complaints": ["sleep_problems", "migraine"]},
    {"age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "problems",
     "complaints": ["constipation"], "current_magnesium": {"form": "citrate", "mg_per_day": 200}},
]


def table_lines(table: Table, width: int) -> list[str]:
    """The table as the summary's text shows it (the lines below its section heading)."""
    summary = Summary("en", "T", "S", Fields((("Client", "x"),)), (Section("s", "Section", (table,)),))
    return render_text(summary, width=width).split("\nSECTION\n-------\n", 1)[1].splitlines()


def grid_rows(lines: list[str]) -> list[list[str]] | None:
    """The rows of a grid (the lines of each), or None for a list layout. A grid separates its
    rows by blank lines only when one of them takes more than a line."""
    if len(lines) < 2 or set(lines[1].replace(" ", "")) != {"-"}:
        return None
    body = lines[2:]
    if "" not in body:
        return [[line] for line in body]
    rows: list[list[str]] = [[]]
    for line in body:
        if line:
            rows[-1].append(line)
        else:
            rows.append([])
    return rows


@pytest.mark.parametrize("width", [80, 120])
def test_a_wide_table_is_a_list_of_rows_at_80_and_a_grid_at_120(width):
    lines = table_lines(ADVICE, width)
    assert max(map(len, lines)) <= width
    rows = grid_rows(lines)
    if width == 80:
        assert rows is None
        assert lines[0] == "First choice: Magnesium malate"
        assert "  A day          100–250 mg elemental magnesium" in lines
        assert not any(line.strip().startswith(("When ", "How long")) and "—" in line for line in lines[:5])
    else:
        assert rows is not None and all(len(row) <= 2 for row in rows)
        assert lines[0].split() == ["Role", "Form", "A", "day", "When", "How", "long", "Doctor", "first?", "Evidence"]


@pytest.mark.parametrize("width", [80, 120])
def test_a_narrow_table_stays_a_grid(width):
    lines = table_lines(FOLLOW_UP, width)
    rows = grid_rows(lines)
    assert rows is not None and [len(row) for row in rows] == [1, 1]
    assert lines[2].split()[:2] == ["Muscle", "cramps"]


def test_a_list_rows_long_title_wraps_under_the_width():
    table = Table(("Rule", "What the rule says", "Source"), (("a-rule", "Word " * 30, "a source"),))
    lines = table_lines(table, 80)
    assert max(map(len, lines)) <= 80 and lines[1].startswith("  Word")


@pytest.mark.parametrize("answers", CLIENTS)
@pytest.mark.parametrize("width", [80, 120])
def test_no_table_of_a_summary_wraps_a_cell_over_more_than_two_lines(adv, answers, width):
    a = complete(answers)
    summary = build(a, adv.advise(a, "nl"), adv.base, "nl", today=TODAY)
    text = render_text(summary, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    for table in (b for s in summary.sections for b in s.blocks if isinstance(b, Table)):
        rows = grid_rows(table_lines(table, width))
        assert rows is None or all(len(row) <= 2 for row in rows), table.header
