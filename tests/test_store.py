"""The intake store on both engines (SQLite and PostgreSQL: one contract, the `target` fixture of
store_targets.py): round trip, all-or-nothing saves, two writers at once, migrations, privacy.
What only one engine does (file modes, the journal, vacuuming) is tested on that engine."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from engine.answers import complete
from engine.errors import BadInput
from questionnaire import store as store_module
from questionnaire.store import SCHEMA_VERSION, follow_up_date, open_store, resolve_path
from questionnaire.store.schema import MIGRATIONS, PG_MIGRATIONS
from store_targets import pg_target, raw, target  # noqa: F401 (fixtures)

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


def test_round_trip(target, answers_advice):
    answers, advice = answers_advice
    with open_store(target) as store:
        number = store.save_intake(answers, advice, "nl", "2025-03-01T09:15:00+01:00")
        intake = store.get(number)
    assert number == 1
    assert intake.answers == answers and intake.advice == advice
    assert intake.client == "Jansen" and intake.lang == "nl"
    assert intake.rulebase_version == advice["rulebase_version"]
    assert intake.accepted_at == "2025-03-01T09:15:00+01:00"
    assert (intake.status, intake.note, intake.reviewed_at) == ("new", None, None)
    assert intake.record()["answers"] == answers and intake.record()["blocked"] is False


def test_numbers_count_up_and_are_never_reused(target, answers_advice):
    with open_store(target) as store:
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


def test_saved_intake_gets_its_follow_up(target, answers_advice):
    with open_store(target) as store:
        intake = store.get(store.save_intake(*answers_advice, "nl", None))
    created = date.fromisoformat(intake.created_at[:10])
    assert intake.follow_up == follow_up_date(created, intake.advice).isoformat()


def test_list_filter_and_status_changes(target, answers_advice):
    answers, advice = answers_advice
    with open_store(target) as store:
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
def test_unknown_number_is_bad_input(target, action):
    with open_store(target) as store, pytest.raises(BadInput) as err:
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


def test_a_follow_up_makes_the_intake_new_and_moves_its_date_in_the_same_transaction(target, answers_advice, monkeypatch):
    answers, advice = answers_advice
    record = {"lang": "nl", "answers": answers, "severities": {}, "plan_taken": "yes", "plan_version": None,
              "side_effects": [], "advice": {**advice, "recommendations": [{**advice["recommendations"][0],
                                                                            "duration_days": 60}]}}
    with open_store(target) as store:
        number = store.save_intake(answers, advice, "nl", None)
        store.mark_reviewed(number)
        store.set_follow_up(number, date(2025, 1, 1))

        def fail(self, action, number=None):
            raise RuntimeError("power cut")

        monkeypatch.setattr(store_module.IntakeStore, "_record", fail)
        with pytest.raises(RuntimeError):
            store.save_follow_up(number, record)
        monkeypatch.undo()
        before = store.get(number)
        assert (before.status, before.follow_up, store.follow_ups(number)) == ("reviewed", "2025-01-01", [])
        store.save_follow_up(number, record)
        after, made = store.get(number), date.fromisoformat(store.follow_ups(number)[-1]["created_at"][:10])
    assert after.status == "new" and after.reviewed_at is None
    assert after.follow_up == (made + timedelta(days=60)).isoformat()


def test_failure_before_commit_leaves_store_unchanged(target, answers_advice, monkeypatch):
    with open_store(target) as store:
        store.save_intake(*answers_advice, "nl", None)

        def insert_then_fail(self, row):
            original(self, row)
            raise RuntimeError("power cut")

        original = store_module.IntakeStore._insert
        monkeypatch.setattr(store_module.IntakeStore, "_insert", insert_then_fail)
        with pytest.raises(RuntimeError):
            store.save_intake(*answers_advice, "nl", None)
        monkeypatch.undo()
        assert [i.number for i in store.list_intakes()] == [1]
        assert store.save_intake(*answers_advice, "nl", None) in (2, 3)  # PostgreSQL's sequence may skip one
        assert [event["action"] for event in store.history(1)][:1] == ["intake.saved"]


def test_killed_mid_save_leaves_store_unchanged(target, answers_advice):
    """SIGKILL between INSERT and COMMIT: SQLite's hot journal rolls the half-save back on next
    open; PostgreSQL rolls back the transaction of a connection that is gone."""
    answers, advice = answers_advice
    with open_store(target) as store:
        store.save_intake(answers, advice, "nl", None)
    result = run_python(f"""
        import json, os, signal
        from questionnaire import store
        original = store.IntakeStore._insert
        def insert_then_die(self, row):
            original(self, row)
            os.kill(os.getpid(), signal.SIGKILL)
        store.IntakeStore._insert = insert_then_die
        s = store.open_store({target!r})
        s.save_intake(json.loads({json.dumps(answers)!r}), json.loads({json.dumps(advice)!r}), "nl", None)
    """)
    assert result.returncode == -9, result.stderr
    if not target.startswith("postgresql://"):
        journal = Path(f"{target}-journal")
        assert journal.exists() and mode(journal) == 0o600  # the half-save's journal is private too
    with open_store(target) as store:
        assert [i.number for i in store.list_intakes()] == [1]
        assert store.save_intake(answers, advice, "nl", None) >= 2
    if not target.startswith("postgresql://"):
        assert raw(target, "PRAGMA integrity_check") == [("ok",)]


def test_two_processes_saving_at_once_both_land(target, tmp_path, answers_advice):
    path = target
    answers, advice = answers_advice
    go = tmp_path / "go"
    code = f"""
        import json, os, time
        from questionnaire.store import open_store
        while not os.path.exists({str(go)!r}):
            time.sleep(0.001)
        answers, advice = json.loads({json.dumps(answers)!r}), json.loads({json.dumps(advice)!r})
        for _ in range(25):
            with open_store({path!r}) as s:
                s.save_intake(answers, advice, "nl", None)
    """
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    go.touch()
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    with open_store(path) as store:
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


@pytest.mark.parametrize("how", [store_module.open_store, store_module.open_read_only])
def test_a_newer_schema_is_refused(target, how):
    open_store(target).close()
    if target.startswith("postgresql://"):
        raw(target, "UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    else:
        raw(target, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(BadInput) as err:
        how(target)
    assert f"schema version {SCHEMA_VERSION + 1}" in err.value.problems[0].render("en")


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


def test_deleted_rows_are_vacuumed_away_on_postgresql(pg_target, answers_advice):
    """A plain DELETE leaves the row's old version in the table's file; VACUUM FULL writes each
    table of client data anew (a new file), without it."""
    with open_store(pg_target) as store:
        number = store.save_intake(*answers_advice, "nl", None)
        store.add_note(number, "geheim")
        files = "SELECT pg_relation_filenode(?)"
        before = {t: raw(pg_target, files, (t,))[0][0] for t in store_module.CLIENT_TABLES}
        store.delete(number)
    after = {t: raw(pg_target, files, (t,))[0][0] for t in store_module.CLIENT_TABLES}
    assert all(before[t] != after[t] for t in before)


def test_both_engines_have_every_migration():
    """Entry N of each list is the same change: a migration added to one only is a test failure."""
    assert len(MIGRATIONS) == len(PG_MIGRATIONS) == SCHEMA_VERSION


def test_two_processes_migrating_one_empty_store_at_once(target):
    """Two desks start together on a new store: the migrations run once, both open it."""
    code = f"""
        from questionnaire.store import open_store
        with open_store({target!r}) as s:
            s.list_intakes()
    """
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    if target.startswith("postgresql://"):
        assert raw(target, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    else:
        assert raw(target, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_path_resolution(tmp_path, monkeypatch):
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "env.db"))
    assert resolve_path(str(tmp_path / "flag.db")) == tmp_path / "flag.db"
    assert resolve_path() == tmp_path / "env.db"
    monkeypatch.delenv("MAGNESIUM_DB")
    assert resolve_path().name == "intakes.sqlite3"
    assert "magnesium-intake" in str(resolve_path())
    monkeypatch.setenv("MAGNESIUM_DB", "postgresql://anna:geheim@praktijk.example/magnesium?password=ook")
    assert store_module.where() == "postgresql://anna@praktijk.example/magnesium"  # never the password
    assert resolve_path().parent.name == "magnesium-intake" and "geheim" not in str(resolve_path())
