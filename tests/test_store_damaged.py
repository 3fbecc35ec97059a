"""Damaged store rows (issue 21): a damaged plan, rule base, date or client never crashes a
command; the intake stays erasable; every other command says one clear line (exit 2). On both
engines (what a BLOB is, only SQLite has)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, cli
from store_targets import raw, target  # noqa: F401 (fixture)
from test_handout import PLAN
from test_review import DE_VRIES, JANSEN, save


@pytest.fixture
def store_with_plan(target, tmp_path, monkeypatch, capsys):
    """Two intakes (Jansen with a plan, de Vries), in the store of `target`."""
    monkeypatch.setenv("MAGNESIUM_DB", target)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("MAGNESIUM_DEBUG", raising=False)
    save(tmp_path, capsys, JANSEN)
    save(tmp_path, capsys, DE_VRIES)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(tmp_path / "plan.yaml"))[0] == 0
    return target


RULES_DIR = ROOT / "rules"  # the shipped rules: nothing changes, only the damaged intake is said


def one_line(code: int, out: str, err: str) -> None:
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, (code, out, err)


DAMAGES = {
    "plan": "UPDATE plans SET plan = '{\"items\": ['",
    "plan date": "UPDATE plans SET created_at = 'gisteren'",
    "rule base": "UPDATE rulebases SET files = '[1, 2'",
    "rule base shape": "UPDATE rulebases SET files = '{\"advice.yaml\": 7}'",
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_plan_or_rule_base_never_stops_a_note_a_mark_or_the_erasure(store_with_plan, capsys, damage):
    raw(store_with_plan, DAMAGES[damage])
    assert cli(capsys, "review", "1", "--note", "gebeld")[0] == 0
    assert cli(capsys, "review", "1", "--done")[0] == 0
    one_line(*cli(capsys, "review", "1"))
    code, _, err = cli(capsys, "review", "1", "--delete", "--yes")
    assert code == 0 and "intake 1 is verwijderd" in err
    assert raw(store_with_plan, "SELECT COUNT(*) FROM plans") == [(0,)]
    assert "de Vries" in cli(capsys, "review")[1]


@pytest.mark.parametrize("damage", ["rule base", "rule base shape"])
def test_explain_of_an_intake_whose_rule_base_is_damaged_is_one_line(store_with_plan, capsys, damage):
    raw(store_with_plan, DAMAGES[damage])
    one_line(*cli(capsys, "explain", "1"))


@pytest.mark.parametrize("damage", ["plan", "plan date"])
def test_explain_needs_no_plan(store_with_plan, capsys, damage):
    raw(store_with_plan, DAMAGES[damage])
    assert cli(capsys, "explain", "1")[0] == 0


@pytest.mark.parametrize("sql", [DAMAGES["plan"], DAMAGES["plan date"], "UPDATE plans SET plan = '{\"items\": 7}'",
                                 "UPDATE plans SET plan = '{}'", "UPDATE intake SET created_at = '2025-13-45'",
                                 "UPDATE intake SET follow_up = 'volgende week'"],
                         ids=["plan", "plan date", "items 7", "empty plan", "intake date", "follow-up date"])
def test_a_handout_of_a_damaged_plan_or_date_is_one_line_and_no_file(store_with_plan, tmp_path, capsys, sql):
    raw(store_with_plan, sql)
    out = tmp_path / "folder.html"
    one_line(*cli(capsys, "handout", "1", "--out", str(out)))
    assert not out.exists()


@pytest.mark.parametrize("sql", ["UPDATE intake SET answers = '' WHERE number = 1",
                                 "UPDATE intake SET answers = '{}' WHERE number = 1"], ids=["empty", "no keys"])
def test_rules_impact_names_the_damaged_intake_and_compares_the_others(store_with_plan, capsys, sql):
    raw(store_with_plan, sql)
    code, out, err = cli(capsys, "rules", "impact", str(RULES_DIR))
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and "intake 1" in err
    assert out.endswith("0 van 2 intakes veranderen met " + str(RULES_DIR) + "; de opslag is niet veranderd\n")


def test_a_blob_client_is_shown_as_text_everywhere(tmp_path, monkeypatch, capsys):
    """SQLite lets any column hold a BLOB: the name reads back as text (bytes that are no UTF-8
    as the replacement mark), in the list, the summary, explain and rules impact."""
    db = tmp_path / "s.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(db))
    save(tmp_path, capsys, JANSEN)
    raw(str(db), "UPDATE intake SET client = ?", ("Jans\xe9n".encode("utf-8") + b"\xff",))
    for args in (("review",), ("review", "1", "--no-pager"), ("explain", "1"), ("rules", "impact", str(RULES_DIR))):
        code, out, err = cli(capsys, *args)
        assert code == 0 and "Traceback" not in err, (args, err)
    assert "Jansén\ufffd" in cli(capsys, "review")[1]


def test_a_read_only_store_folder_is_said_before_the_first_question(tmp_path, monkeypatch, capsys):
    """`magnesium intake` on a store whose folder cannot be written: one line at the start
    (before, the client answered every question first). As root every folder is writable, so
    the folder's answer is faked where the check asks it (os.access)."""
    import os

    from questionnaire.commands import intake
    from questionnaire.intake import first_screen

    folder = tmp_path / "ro"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: real(path, mode) and Path(path) != folder)
    monkeypatch.setattr(intake, "on_a_terminal", lambda: True)
    monkeypatch.setattr(first_screen, "welcome", lambda *a, **k: pytest.fail("the first screen was shown"))
    code, out, err = cli(capsys, "intake", "--db", str(folder / "intakes.sqlite3"))
    assert (code, out) == (2, "") and err == (
        f"{folder / 'intakes.sqlite3'}: store: geef een intakebestand in een map waar je mag schrijven "
        f"(--db of MAGNESIUM_DB), of vraag schrijfrechten; {folder} is alleen-lezen\n")
