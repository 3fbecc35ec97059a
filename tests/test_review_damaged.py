"""One damaged intake in the store (issue 11): the others stay reachable, the damaged one is
named in one line (exit 2), never a traceback."""
from __future__ import annotations

import sqlite3

import pytest

from conftest import cli
from test_review import DE_VRIES, JANSEN, save

OTHER = {**JANSEN, "client": "Pietersen"}


@pytest.fixture
def damaged(db, tmp_path, capsys):
    """Three intakes; the advice of intake 2 is no JSON, the answers of intake 3 a list."""
    for answers in (JANSEN, DE_VRIES, OTHER):
        save(tmp_path, capsys, answers)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE intake SET advice = '{\"blocked\": tru' WHERE number = 2")
        con.execute("UPDATE intake SET answers = '[1, 2]' WHERE number = 3")
    capsys.readouterr()
    return db


def test_the_list_shows_every_intake_and_marks_the_damaged(damaged, capsys):
    code, out, err = cli(capsys, "review")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 5  # header, rule, three intakes
    assert "Jansen" in lines[2] and "onleesbaar" not in lines[2]
    assert "de Vries" in lines[3] and "onleesbaar" in lines[3]
    assert "Pietersen" in lines[4] and "onleesbaar" in lines[4]


@pytest.mark.parametrize("number,column", [("2", "advice"), ("3", "answers")])
def test_showing_a_damaged_intake_says_what_is_wrong(damaged, capsys, number, column):
    code, out, err = cli(capsys, "review", number)
    assert (code, out) == (2, "")
    assert err == (f"{damaged}: intake: verwijder deze intake (magnesium review {number} --delete) of zet een "
                   f"reservekopie terug; de kolom {column} van intake {number} is beschadigd (onleesbaar)\n")


def test_exports_of_the_damaged_one_fail_cleanly_and_of_the_others_work(damaged, tmp_path, capsys):
    for suffix in (".html", ".md", ".json"):
        code, _, err = cli(capsys, "review", "2", "--export", str(tmp_path / f"x{suffix}"), "--lang", "en")
        assert code == 2 and "is damaged" in err and not (tmp_path / f"x{suffix}").exists()
        assert cli(capsys, "review", "1", "--export", str(tmp_path / f"one{suffix}"))[0] == 0


def test_a_damaged_intake_can_be_deleted(damaged, capsys):
    code, _, err = cli(capsys, "review", "2", "--delete", "--yes")
    assert code == 0 and "intake 2 is verwijderd" in err
    assert "de Vries" not in cli(capsys, "review")[1]


def test_the_damaged_intake_through_the_installed_command(damaged):
    from conftest import magnesium

    result = magnesium("review", "2", env={"MAGNESIUM_DB": str(damaged)})
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("column,value,what", [("advice", "{}", "KeyError: 'blocked'"),
                                               ("answers", "{}", "KeyError"),
                                               ("advice", '{"blocked": false, "recommendations": 7}', "Error")])
def test_readable_json_of_the_wrong_shape_is_one_line(db, tmp_path, capsys, column, value, what):
    save(tmp_path, capsys, JANSEN)
    with sqlite3.connect(db) as con:
        con.execute(f"UPDATE intake SET {column} = ? WHERE number = 1", (value,))
    capsys.readouterr()
    for extra in ([], ["--export", str(tmp_path / "x.html")]):  # (in English the advice is made anew)
        code, out, err = cli(capsys, "review", "1", *extra)
        assert (code, out) == (2, ""), err
        assert err.startswith("magnesium review: intake: ") and err.count("\n") == 1 and what in err
    assert "Jansen" in cli(capsys, "review")[1]
