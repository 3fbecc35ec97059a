"""Notes add up (each with its time), 'reviewed' can be taken back, and a follow-up date is
never before the intake's date."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import cli, store_of_version
from questionnaire.store import open_store

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps"]}


@pytest.fixture
def db(tmp_path, monkeypatch, capsys):
    path = tmp_path / "intakes.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(path))
    answers = tmp_path / "jansen.yaml"
    answers.write_text(yaml.safe_dump(JANSEN), encoding="utf-8")
    assert cli(capsys, "advise", str(answers), "--save")[0] == 0
    return path


def test_notes_add_up_each_with_its_time_and_all_are_exported(db, tmp_path, capsys):
    assert cli(capsys, "review", "1", "--note", "Start met citraat")[2] == "intake 1: notitie opgeslagen\n"
    cli(capsys, "review", "1", "--note", "Na 2 weken: slaapt beter")
    with open_store(str(db)) as store:
        intake = store.get(1)
    assert [n["text"] for n in intake.notes] == ["Start met citraat", "Na 2 weken: slaapt beter"]
    assert intake.note == "Na 2 weken: slaapt beter" and all(n["created_at"] for n in intake.notes)
    out = cli(capsys, "review", "1")[1]
    assert out.index("Start met citraat") < out.index("Na 2 weken: slaapt beter")
    target = tmp_path / "record.json"
    cli(capsys, "review", "1", "--export", str(target))
    assert [n["text"] for n in json.loads(target.read_text(encoding="utf-8"))["notes"]] == [
        "Start met citraat", "Na 2 weken: slaapt beter"]


def test_an_empty_note_is_refused(db, capsys):
    assert cli(capsys, "review", "1", "--note", " ", "--lang", "en")[1:] == ("", (
        "magnesium review: --note: give a note with words; notes add up, each with its time, and are not cleared\n"))


def test_undone_takes_reviewed_back(db, capsys):
    cli(capsys, "review", "1", "--done")
    assert cli(capsys, "review", "1", "--undone")[2] == "intake 1: weer nieuw (niet beoordeeld)\n"
    with open_store(str(db)) as store:
        assert (store.get(1).status, store.get(1).reviewed_at) == ("new", None)
    assert cli(capsys, "review", "1", "--done", "--undone")[0] == 2


def test_follow_up_not_before_the_intake_date_and_nothing_else_done(db, capsys):
    code, out, err = cli(capsys, "review", "1", "--follow-up", "2000-01-01", "--note", "x", "--lang", "en")
    assert (code, out) == (2, "")
    assert err.startswith("magnesium review: --follow-up: give a follow-up date on or after the intake date ")
    assert err.endswith("; got 2000-01-01\n")
    with open_store(str(db)) as store:
        assert store.get(1).notes == ()


def test_a_note_of_an_earlier_release_becomes_the_first_note(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = store_of_version(path, 3)
    con.execute("INSERT INTO intake (created_at, lang, answers, advice, rulebase_version, note, follow_up) "
                "VALUES ('2025-01-15T10:00:00+01:00', 'nl', '{}', '{}', 'x', 'oud', '2025-02-14')")
    con.commit()
    con.close()
    with open_store(str(path)) as store:
        assert store.get(1).notes == ({"created_at": "2025-01-15T10:00:00+01:00", "text": "oud"},)


def test_follow_up_none_clears_it_everywhere(db, tmp_path, capsys):
    assert cli(capsys, "review", "1", "--follow-up", "none")[2] == "intake 1: geen vervolgafspraak\n"
    with open_store(str(db)) as store:
        assert store.get(1).follow_up is None
    assert cli(capsys, "review")[1].splitlines()[2].rstrip().endswith("—")
    page = tmp_path / "page.md"
    cli(capsys, "review", "1", "--export", str(page), "--lang", "en")
    assert "Follow-up" in page.read_text(encoding="utf-8")
    assert cli(capsys, "review", "1", "--follow-up", "2099-01-01")[0] == 0
    with open_store(str(db)) as store:
        assert store.get(1).follow_up == "2099-01-01"
