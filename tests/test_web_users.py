"""`magnesium users`: accounts of the web workspace made, reset, listed and removed; the store
keeps an Argon2 hash only; every bad option is one line (exit 2), nothing changed."""
from __future__ import annotations

import io

import pytest

from conftest import cli
from questionnaire.store import open_store
from questionnaire.web import passwords

PASSWORD = "paarden eten graag hooi"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "intakes.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(path))
    return path


def users(capsys, monkeypatch, *args: str, password: str = PASSWORD) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return cli(capsys, "users", *args)


def test_an_account_is_added_with_its_hash_only(db, capsys, monkeypatch):
    code, out, _ = users(capsys, monkeypatch, "add", "anna", "--password-stdin")
    assert code == 0 and "account anna gemaakt" in out
    with open_store(str(db)) as kept:
        user = kept.user("anna")
        events = kept.engine.execute("SELECT action, account FROM audit").fetchall()
    assert user.password_hash.startswith("$argon2id$") and passwords.verified(user.password_hash, PASSWORD)
    assert PASSWORD.encode() not in db.read_bytes()
    assert events == [("user.added", "anna")]


def test_a_taken_name_is_refused_and_reset_gives_a_new_password(db, capsys, monkeypatch):
    users(capsys, monkeypatch, "add", "anna")
    code, _, err = users(capsys, monkeypatch, "add", "anna", password="een ander wachtwoord hier")
    assert code == 2 and "bestaat al" in err and "--reset" in err
    assert users(capsys, monkeypatch, "add", "anna", "--reset", password="een ander wachtwoord hier")[0] == 0
    with open_store(str(db)) as kept:
        assert passwords.verified(kept.user("anna").password_hash, "een ander wachtwoord hier")


def test_list_and_remove(db, capsys, monkeypatch):
    assert "Nog geen accounts" in users(capsys, monkeypatch, "list")[1]
    users(capsys, monkeypatch, "add", "p.devries")
    users(capsys, monkeypatch, "add", "anna")
    out = users(capsys, monkeypatch, "list")[1]
    assert out.splitlines()[0].startswith("anna  sinds ") and out.splitlines()[1].startswith("p.devries")
    assert users(capsys, monkeypatch, "remove", "anna")[0] == 0
    code, _, err = users(capsys, monkeypatch, "remove", "anna")
    assert code == 2 and "bestaat niet" in err


@pytest.mark.parametrize("args,password,words", [
    (("add", "Anna"), PASSWORD, "kleine letters"),
    (("add",), PASSWORD, "geef de naam van het account"),
    (("add", "anna"), "te kort", "minstens 15 tekens"),
    (("list", "anna"), PASSWORD, "gebruik list zonder naam"),
    (("remove", "anna", "--reset"), PASSWORD, "alleen met add"),
])
def test_bad_input_is_one_line_and_changes_nothing(db, capsys, monkeypatch, args, password, words):
    code, out, err = users(capsys, monkeypatch, *args, password=password)
    assert code == 2 and out == "" and words in err and "Traceback" not in err
    if db.exists():
        with open_store(str(db)) as kept:
            assert kept.users() == []
