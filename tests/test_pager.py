"""The summary through a pager on a terminal (as git does), and never when piped or asked not to."""
from __future__ import annotations

import os

import pexpect
import pytest

from conftest import BIN, magnesium

ANSWERS = "age: 40\nsex: male\nkidney: none\ncomplaints: [muscle_cramps, sleep_problems]\n"


def run_in_terminal(tmp_path, *args: str) -> tuple[str, str]:
    """`magnesium advise` in a 24-line terminal whose pager writes what it got to a file."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "MAGNESIUM_PAGER": f"sh -c 'cat > {paged}'"}
    child = pexpect.spawn(str(BIN / "magnesium"), ["advise", str(answers), *args], dimensions=(24, 80), env=env,
                          encoding="utf-8", timeout=30)
    screen = child.read()
    child.close()
    assert child.exitstatus == 0, screen
    return screen, paged.read_text(encoding="utf-8") if paged.exists() else ""


def test_a_long_summary_on_a_terminal_goes_through_the_pager(tmp_path):
    screen, paged = run_in_terminal(tmp_path)
    assert paged.count("\n") > 24 and "EERST LEZEN" in paged
    assert "EERST LEZEN" not in screen


@pytest.mark.parametrize("args", [("--no-pager",), ("--format", "json")])
def test_no_pager_when_asked_or_for_json(tmp_path, args):
    screen, paged = run_in_terminal(tmp_path, *args)
    assert paged == "" and screen.strip()


def test_no_pager_when_piped(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    result = magnesium("advise", str(answers), env={"MAGNESIUM_PAGER": "false"})
    assert result.returncode == 0 and "EERST LEZEN" in result.stdout


def test_review_n_on_a_terminal_goes_through_the_pager(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    assert magnesium("advise", str(answers), "--save", "--db", str(db)).returncode == 0
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "MAGNESIUM_PAGER": f"sh -c 'cat > {paged}'"}
    child = pexpect.spawn(str(BIN / "magnesium"), ["review", "1", "--db", str(db)], dimensions=(24, 80), env=env,
                          encoding="utf-8", timeout=30)
    child.read()
    child.close()
    assert child.exitstatus == 0 and "EERST LEZEN" in paged.read_text(encoding="utf-8")
