"""The intake store: round trip, all-or-nothing saves, two writers at once, migrations, privacy."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from engine.answers import complete
from engine.errors import BadInput
from questionnaire import store as store_module
from questionnaire.store import SCHEMA_VERSION, follow_up_date, open_store, resolve_path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none", "complaints": ["restless_legs"]}


@pytest.fixture
def answers_advice(adv):
    answers = complete(ANSWERS)
    return answers, adv.advise(answers, "nl")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter (a second terminal, or one that gets killed)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def test_round_trip(tmp_path, answers_advice):
    answers, advice = answers_advice
    with open_store(str(tmp_path / "db")) as store:
        number = store.save_intake(answers, advice, "nl", "2025-03-01T09:15:00+01:00")
        intake = store.get(number)
    assert number == 1
    assert intake.answers == answers and intake.advice == advice
    assert intake.client == "Jansen" and intake.lang == "nl"
    assert intake.rulebase_version == advice["rulebase_version"]
    assert intake.accepted_at == "2025-03-01T09:15:00+01:00"
    assert (intake.status, intake.note, intake.reviewed_at) == ("new", None, None)
    assert intake.record()["answers"] == answers and intake.record()["blocked"] is False


def test_numbers_count_up_and_are_never_reused(tmp_path, answers_advice):
    with open_store(str(tmp_path / "db")) as store:
        numbers = [store.save_intake(*answers_advice, "nl", None) for _ in range(3)]
        store.delete(3)
        assert store.save_intake(*answers_advice, "nl", None) == 4
        assert [i.number for i in store.list_intakes()] == [1, 2, 4]
    assert numbers == [1, 2, 3]


def test_follow_up_is_intake_date_plus_longest_duration(answers_advice):
    _, advice = answers_advice  # restless legs: oxide for 30 days
    assert follow_up_date(date(2025, 1, 1), advice) == date(2025, 1, 31)
    longer = {"recommendations": [{"duration_days": 90}, {"duration_days": None}]}
    assert follow_up_date(date(2025, 1, 1), longer) == date(2025, 4, 1)
    assert follow_up_date(date(2025, 1, 1), {"recommendations": []}) == date(2025, 1, 31)


def test_saved_intake_gets_its_follow_up(tmp_path, answers_advice):
    with open_store(str(tmp_path / "db")) as store:
        intake = store.get(store.save_intake(*answers_advice, "nl", None))
    created = date.fromisoformat(intake.created_at[:10])
    assert intake.follow_up == follow_up_date(created, intake.advice).isoformat()


def test_list_filter_and_status_changes(tmp_path, answers_advice):
    answers, advice = answers_advice
    with open_store(str(tmp_path / "db")) as store:
        store.save_intake(answers, advice, "nl", None)
        store.save_intake({**answers, "client": "Émile de Vries"}, advice, "en", None)
        store.save_intake({**answers, "client": None}, advice, "nl", None)
        assert [i.number for i in store.list_intakes("émile")] == [2]
        assert [i.number for i in store.list_intakes("JANS")] == [1]
        store.add_note(2, "Start met citraat 250 mg")
        store.mark_reviewed(2)
        store.set_follow_up(2, date(2025, 6, 1))
        reviewed = store.get(2)
        assert (reviewed.status, reviewed.note, reviewed.follow_up) == ("reviewed", "Start met citraat 250 mg", "2025-06-01")
        assert reviewed.reviewed_at is not None
        store.add_note(2, "Na twee weken")
        assert [n["text"] for n in store.get(2).notes] == ["Start met citraat 250 mg", "Na twee weken"]
        assert [i.status for i in store.list_intakes()] == ["new", "reviewed", "new"]


@pytest.mark.parametrize("action", ["get", "delete", "mark_reviewed"])
def test_unknown_number_is_bad_input(tmp_path, action):
    with open_store(str(tmp_path / "db")) as store, pytest.raises(BadInput) as err:
        getattr(store, action)(7)
    assert "intake 7" in err.value.problems[0].render("en")


def test_file_and_directory_are_private(tmp_path, answers_advice, monkeypatch):
    monkeypatch.delenv("MAGNESIUM_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new" / "dir"))
    path = tmp_path / "new" / "dir" / "magnesium-intake" / "intakes.sqlite3"
    with open_store() as store:
        store.save_intake(*answers_advice, "nl", None)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


@pytest.mark.parametrize("given", ["flag", "env"])
def test_a_given_path_in_a_missing_folder_is_bad_input_and_creates_nothing(tmp_path, monkeypatch, given):
    path = tmp_path / "typo" / "intakes.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(path) if given == "env" else str(tmp_path / "other.db"))
    with pytest.raises(BadInput) as err:
        open_store(str(path) if given == "flag" else None)
    line = err.value.problems[0].render("nl")
    assert line == f"{path}: store: kies een map die bestaat (bij --db of MAGNESIUM_DB); de map {path.parent} bestaat niet"
    assert not (tmp_path / "typo").exists()


def test_a_loose_existing_file_is_made_private(tmp_path):
    path = tmp_path / "db"
    open_store(str(path)).close()
    os.chmod(path, 0o644)
    open_store(str(path)).close()
    assert mode(path) == 0o600


def test_failure_before_commit_leaves_store_unchanged(tmp_path, answers_advice, monkeypatch):
    path = tmp_path / "db"
    with open_store(str(path)) as store:
        store.save_intake(*answers_advice, "nl", None)

        def insert_then_fail(self, con, row):
            original(self, con, row)
            raise RuntimeError("power cut")

        original = store_module.IntakeStore._insert
        monkeypatch.setattr(store_module.IntakeStore, "_insert", insert_then_fail)
        with pytest.raises(RuntimeError):
            store.save_intake(*answers_advice, "nl", None)
        monkeypatch.undo()
        assert [i.number for i in store.list_intakes()] == [1]
        assert store.save_intake(*answers_advice, "nl", None) == 2


def test_killed_mid_save_leaves_store_unchanged(tmp_path, answers_advice):
    """SIGKILL between INSERT and COMMIT: the hot journal rolls the half-save back on next open."""
    path = tmp_path / "db"
    answers, advice = answers_advice
    with open_store(str(path)) as store:
        store.save_intake(answers, advice, "nl", None)
    result = run_python(f"""
        import json, os, signal
        from questionnaire import store
        original = store.IntakeStore._insert
        def insert_then_die(self, con, row):
            original(self, con, row)
            os.kill(os.getpid(), signal.SIGKILL)
        store.IntakeStore._insert = insert_then_die
        s = store.open_store({str(path)!r})
        s.save_intake(json.loads({json.dumps(answers)!r}), json.loads({json.dumps(advice)!r}), "nl", None)
    """)
    assert result.returncode == -9, result.stderr
    journal = Path(f"{path}-journal")
    assert journal.exists() and mode(journal) == 0o600  # the half-save's journal is private too
    with open_store(str(path)) as store:
        assert [i.number for i in store.list_intakes()] == [1]
        assert store._con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert store.save_intake(answers, advice, "nl", None) == 2


def test_two_processes_saving_at_once_both_land(tmp_path, answers_advice):
    path = tmp_path / "db"
    answers, advice = answers_advice
    go = tmp_path / "go"
    code = f"""
        import json, os, time
        from questionnaire.store import open_store
        while not os.path.exists({str(go)!r}):
            time.sleep(0.001)
        answers, advice = json.loads({json.dumps(answers)!r}), json.loads({json.dumps(advice)!r})
        for _ in range(25):
            with open_store({str(path)!r}) as s:
                s.save_intake(answers, advice, "nl", None)
    """
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    go.touch()
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    with open_store(str(path)) as store:
        assert [i.number for i in store.list_intakes()] == list(range(1, 51))


def test_migration_from_an_empty_file(tmp_path):
    path = tmp_path / "db"
    path.touch()
    open_store(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = {row[1] for row in con.execute("PRAGMA table_info(intake)")}
    assert {"number", "answers", "advice", "rulebase_version", "accepted_at", "status", "note", "reviewed_at",
            "follow_up"} <= columns


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "db"
    open_store(str(path)).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(BadInput) as err:
        open_store(str(path))
    assert "schema" in err.value.problems[0].render("en")


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(BadInput) as err:
        open_store(str(path))
    assert err.value.problems[0].render("en").startswith(f"{path}: store: ")


def test_deleted_intake_is_erased_from_the_file(tmp_path, answers_advice):
    answers, advice = answers_advice
    path = tmp_path / "db"
    with open_store(str(path)) as store:
        store.save_intake({**answers, "client": "Geheime Naam Zonder Kopie"}, advice, "nl", None)
        store.save_intake(answers, advice, "nl", None)
        store.delete(1)
    assert b"Geheime Naam Zonder Kopie" not in path.read_bytes()


def test_path_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "env.db"))
    assert resolve_path(str(tmp_path / "flag.db")) == tmp_path / "flag.db"
    assert resolve_path() == tmp_path / "env.db"
    monkeypatch.delenv("MAGNESIUM_DB")
    assert resolve_path().name == "intakes.sqlite3"
    assert "magnesium-intake" in str(resolve_path())
