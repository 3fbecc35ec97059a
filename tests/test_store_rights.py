"""The audit trail and the client's rights (issue 19), on both engines: every read, change,
export and erasure recorded without health data, append-only; one client's export with
everything held; erasure with everything attached; retention that lists and never erases."""
from __future__ import annotations

import json

import pytest

from conftest import cli
from store_targets import raw, target  # noqa: F401 (fixture)
from test_handout import PLAN
from test_review import DE_VRIES, JANSEN, save

JANSEN_AGAIN = {**JANSEN, "client": "  jansen ", "age": 43}
JANSEN_OTHER = {**JANSEN, "client": "Jansen-Bakker"}  # contains the name: never the same client


@pytest.fixture
def practice(target, tmp_path, monkeypatch, capsys):
    """Jansen twice (a plan and a note on the first), de Vries, and Jansen-Bakker."""
    monkeypatch.setenv("MAGNESIUM_DB", target)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for answers in (JANSEN, DE_VRIES, JANSEN_AGAIN, JANSEN_OTHER):
        save(tmp_path, capsys, answers)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(tmp_path / "plan.yaml"))[0] == 0
    assert cli(capsys, "review", "1", "--note", "Belt over twee weken")[0] == 0
    capsys.readouterr()
    return target


def actions(target: str, number: int) -> list[str]:
    return [row[0] for row in raw(target, "SELECT action FROM audit WHERE intake = ? ORDER BY id", (number,))]


def test_every_read_change_and_export_is_recorded_without_health_data(practice, tmp_path, capsys):
    assert cli(capsys, "review", "1", "--no-pager")[0] == 0
    assert cli(capsys, "review", "1", "--done")[0] == 0
    assert cli(capsys, "review", "1", "--export", str(tmp_path / "x.json"))[0] == 0
    assert cli(capsys, "explain", "1")[0] == 0
    assert actions(practice, 1) == ["intake.saved", "intake.read", "plan.saved", "intake.read", "intake.note_added",
                                    "intake.read", "intake.read", "intake.marked_reviewed", "intake.read",
                                    "intake.read", "intake.exported", "intake.read"]
    rows = raw(practice, "SELECT at, actor, action, intake FROM audit")
    text = json.dumps(rows)
    for health in ("Jansen", "Belt", "citrate", "muscle_cramps", "42"):
        assert health not in text.replace(str(rows[0][0]), "")  # (the time may hold any digits)
    assert all(actor for _, actor, _, _ in rows)


def test_the_audit_trail_is_append_only(practice):
    for sql in ("UPDATE audit SET actor = 'niemand'", "DELETE FROM audit"):
        with pytest.raises(Exception, match="append-only"):
            raw(practice, sql)
    assert len(raw(practice, "SELECT id FROM audit")) > 5


def test_history_shows_who_did_what_and_stays_after_erasure(practice, capsys):
    code, out, _ = cli(capsys, "review", "1", "--history", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["When", "Who", "What"]
    assert "intake saved" in lines[2] and "plan saved" in out and "note added" in out
    assert cli(capsys, "review", "1", "--delete", "--yes")[0] == 0
    code, out, _ = cli(capsys, "review", "1", "--history")
    assert code == 0 and "intake gewist" in out.splitlines()[-1]
    assert cli(capsys, "review", "99", "--history")[0] == 2
    code, _, err = cli(capsys, "review", "1", "--history", "--note", "x")
    assert code == 2 and "gebruik --history zonder --note" in err


def test_a_client_export_holds_everything_of_that_client_only(practice, tmp_path, capsys):
    out = tmp_path / "jansen.json"
    code, _, err = cli(capsys, "client", "export", "JANSEN", "--out", str(out))
    assert code == 0 and "2 intake(s)" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [i["number"] for i in data["intakes"]] == [1, 3]
    first = data["intakes"][0]
    assert first["plans"][0]["plan"]["items"][0]["form"] == "citrate"
    assert [n["text"] for n in first["notes"]] == ["Belt over twee weken"]
    assert any("MAGNESIUMADVIES" in line for line in first["summary"])
    assert [e["action"] for e in first["history"]][:3] == ["intake.saved", "intake.read", "plan.saved"]
    assert "Jansen-Bakker" not in out.read_text(encoding="utf-8") and "de Vries" not in out.read_text(encoding="utf-8")
    assert (out.stat().st_mode & 0o777) == 0o600
    assert actions(practice, 3)[-1] == "client.exported"
    assert cli(capsys, "client", "export", "3", "--out", str(tmp_path / "by-number.json"))[0] == 0
    assert [i["number"] for i in json.loads((tmp_path / "by-number.json").read_text())["intakes"]] == [1, 3]


def test_erasing_a_client_takes_everything_attached_and_asks_first(practice, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda: "nee")
    code, _, err = cli(capsys, "client", "erase", "jansen")
    assert code == 0 and "Niets verwijderd." in err and "intake 1 van" in err and "intake 3 van" in err
    monkeypatch.setattr("builtins.input", lambda: "ja")
    code, _, err = cli(capsys, "client", "erase", "jansen", "--lang", "en")
    assert code == 0 and "2 intake(s) of the client erased" in err
    assert ("write-ahead log" in err) == practice.startswith("postgresql://")
    for table, column in (("intake", "number"), ("plans", "intake"), ("notes", "intake")):
        assert raw(practice, f"SELECT {column} FROM {table} ORDER BY 1") == ([(2,), (4,)] if table == "intake" else [])
    assert actions(practice, 1)[-1] == "intake.erased"
    assert cli(capsys, "client", "erase", "Jansen", "--yes")[0] == 2  # nobody of that name is left


def test_an_erased_sqlite_client_is_gone_from_the_file(tmp_path, monkeypatch, capsys):
    db = tmp_path / "s.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(db))
    save(tmp_path, capsys, {**JANSEN, "client": "Geheime Naam Zonder Kopie"})
    save(tmp_path, capsys, DE_VRIES)
    assert cli(capsys, "client", "erase", "Geheime Naam Zonder Kopie", "--yes")[0] == 0
    assert b"Geheime Naam Zonder Kopie" not in db.read_bytes()


def test_retention_lists_old_records_and_erases_nothing(practice, capsys):
    code, out, err = cli(capsys, "client", "retention")
    assert (code, out) == (0, "") and "--set-years" in err
    raw(practice, "UPDATE intake SET created_at = '2004-05-01T10:00:00+02:00' WHERE number IN (2, 4)")
    raw(practice, "UPDATE intake SET reviewed_at = '2006-01-01T10:00:00+01:00' WHERE number = 4")
    assert cli(capsys, "client", "retention", "--set-years", "15")[0] == 0
    code, out, err = cli(capsys, "client", "retention")
    assert code == 0 and out.splitlines() == ["intake 2 (de Vries): laatst bijgewerkt 2004-05-01",
                                              "intake 4 (Jansen-Bakker): laatst bijgewerkt 2006-01-01"]
    assert "niets is gewist" in err
    assert cli(capsys, "client", "retention", "--years", "30")[1] == ""
    assert len(raw(practice, "SELECT number FROM intake")) == 4
    assert cli(capsys, "client", "retention", "--years", "0")[0] == 2
