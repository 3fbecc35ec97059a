"""`magnesium store copy`: SQLite to PostgreSQL and back, every row, counts and checksums equal,
numbers never given twice, a non-empty target refused (issue 19)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conftest import cli
from questionnaire.store import open_store
from questionnaire.store.copy import TABLES, tally
from store_targets import pg_target, raw  # noqa: F401 (fixture)
from test_handout import PLAN
from test_review import DE_VRIES, JANSEN, save


@pytest.fixture
def filled(tmp_path, monkeypatch, capsys):
    """A SQLite store with a row in every table: intakes (one erased, the last), a plan, a note,
    a follow-up, the kept rule base, audit events, a setting, a web intake's code with its draft, an account signed in."""
    db = tmp_path / "praktijk.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for answers in (JANSEN, DE_VRIES, {**JANSEN, "client": "Weg"}):
        save(tmp_path, capsys, answers)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(tmp_path / "plan.yaml"))[0] == 0
    assert cli(capsys, "review", "1", "--note", "Eerste notitie")[0] == 0
    assert cli(capsys, "review", "1", "--note", "Tweede notitie")[0] == 0
    assert cli(capsys, "review", "3", "--delete", "--yes")[0] == 0
    assert cli(capsys, "client", "retention", "--set-years", "20")[0] == 0
    with open_store(str(db)) as store:
        intake = store.get(1)
        store.save_follow_up(1, {"lang": "nl", "answers": intake.answers, "severities": {"muscle_cramps": 3},
                                 "plan_taken": "yes", "plan_version": 1, "side_effects": [], "advice": intake.advice})
        code = store.add_invite("0" * 64, datetime(2026, 12, 6, 10, tzinfo=timezone.utc), "nl")
        store.save_draft(code, {"resume": 1, "answers": {"client": "Bakker"}}, 0)
        store.add_user("anna", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
        store.sign_in("anna", "0" * 64, older_than=datetime(2026, 12, 5, tzinfo=timezone.utc))
    capsys.readouterr()
    return db


def test_sqlite_to_postgresql_and_back_keeps_every_row(filled, pg_target, tmp_path, capsys):
    code, _, err = cli(capsys, "store", "copy", str(filled), pg_target)
    assert code == 0, err
    with open_store(str(filled)) as source, open_store(pg_target) as copied:
        assert tally(copied) == tally(source)
        assert all(tally(source)[table][0] > 0 for table in TABLES)
        assert [n["text"] for n in copied.get(1).notes] == ["Eerste notitie", "Tweede notitie"]
        assert copied.follow_ups(1)[0]["severities"] == {"muscle_cramps": 3}
        assert copied.save_intake(source.get(1).answers, source.get(1).advice, "nl", None) == 4  # 3 was erased
    back = tmp_path / "terug.sqlite3"
    code, _, err = cli(capsys, "store", "copy", pg_target, str(back))
    assert code == 0, err
    with open_store(pg_target) as copied, open_store(str(back)) as again:
        assert tally(again) == tally(copied)
        assert again.save_intake(copied.get(1).answers, copied.get(1).advice, "nl", None) == 5
    assert "rulebases: 1 rijen" in err and "  audit: " in err


def test_a_target_with_data_is_refused_and_left_as_it_was(filled, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    save(tmp_path, capsys, DE_VRIES, "--db", str(other))
    before = raw(str(other), "SELECT COUNT(*) FROM audit")
    code, out, err = cli(capsys, "store", "copy", str(filled), str(other), "--lang", "en")
    assert (code, out) == (2, "") and "copy into an empty store" in err and err.count("\n") == 1
    assert raw(str(other), "SELECT number FROM intake") == [(1,)]
    assert raw(str(other), "SELECT COUNT(*) FROM audit") == before


def test_a_missing_source_or_the_same_store_twice_is_refused(filled, tmp_path, capsys):
    code, _, err = cli(capsys, "store", "copy", str(tmp_path / "typo.sqlite3"), str(tmp_path / "new.sqlite3"))
    assert code == 2 and "bestaat niet" in err and not (tmp_path / "typo.sqlite3").exists()
    code, _, err = cli(capsys, "store", "copy", str(filled), str(filled))
    assert code == 2 and "dezelfde" in err


def test_a_copy_that_does_not_check_out_keeps_nothing(filled, tmp_path, capsys, monkeypatch):
    from questionnaire.store import copy as copying

    real = copying.tally
    calls = []

    def tampered(store):
        found = real(store)
        calls.append(store.name)
        if len(calls) == 3:  # the target, read back inside the copy's transaction
            found["notes"] = (found["notes"][0], "0" * 64)
        return found

    monkeypatch.setattr(copying, "tally", tampered)
    target = tmp_path / "new.sqlite3"
    code, _, err = cli(capsys, "store", "copy", str(filled), str(target), "--lang", "en")
    assert code == 2 and "notes differed, nothing was kept" in err
    assert raw(str(target), "SELECT COUNT(*) FROM intake") == [(0,)]
