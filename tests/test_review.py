"""`magnesium advise --save` and `magnesium review` as the practitioner uses them."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import stat

import pytest
import yaml

from conftest import BIN, cli, magnesium

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none", "complaints": ["muscle_cramps"]}
DE_VRIES = {"client": "de Vries", "age": 60, "sex": "male", "kidney": "problems"}


def save(tmp_path, capsys, answers: dict, *extra: str) -> tuple[int, str, str]:
    path = tmp_path / f"{answers['client']}.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return cli(capsys, "advise", str(path), "--save", *extra)


@pytest.fixture
def two(db, tmp_path, capsys):
    save(tmp_path, capsys, JANSEN)
    save(tmp_path, capsys, DE_VRIES)
    return db


def test_advise_save_says_the_number_on_stderr(db, tmp_path, capsys):
    code, out, err = save(tmp_path, capsys, JANSEN)
    assert (code, err) == (0, "opgeslagen als intake 1\n")
    assert "MAGNESIUMADVIES" in out
    code, out, err = save(tmp_path, capsys, DE_VRIES, "--lang", "en", "--format", "json")
    assert (code, err) == (0, "saved as intake 2\n")
    assert json.loads(out)["blocked"] is True
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_db_option_wins_over_the_environment(db, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    save(tmp_path, capsys, JANSEN, "--db", str(other))
    assert other.exists() and not db.exists()
    code, out, _ = cli(capsys, "review", "--db", str(other))
    assert code == 0 and "Jansen" in out


def test_db_without_save_is_bad_input(db, tmp_path, capsys):
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(JANSEN), encoding="utf-8")
    code, out, err = cli(capsys, "advise", str(path), "--db", str(tmp_path / "x"))
    assert (code, out) == (2, "")
    assert err.startswith("magnesium advise: --db: ")


def test_list(two, capsys):
    code, out, err = cli(capsys, "review")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0].split() == ["Nr", "Datum", "Cliënt", "Geblokkeerd", "Status", "Vervolg"]
    assert lines[2].split()[0] == "1" and "Jansen" in lines[2] and "nieuw" in lines[2]
    assert lines[3].split()[0] == "2" and " ja " in lines[3]


def test_list_filter_by_client(two, capsys):
    _, out, _ = cli(capsys, "review", "--client", "VRIES")
    assert "de Vries" in out and "Jansen" not in out
    code, out, err = cli(capsys, "review", "--client", "Pietersen", "--lang", "en")
    assert (code, out, err) == (0, "", "No intakes with 'Pietersen' in the name.\n")


def test_empty_store(db, capsys):
    assert cli(capsys, "review") == (0, "", "Nog geen intakes opgeslagen.\n")


def test_show_summary_plain_when_not_a_terminal(two, capsys):
    code, out, _ = cli(capsys, "review", "2", "--lang", "en")
    assert code == 0
    assert "\x1b[" not in out
    assert out.index("READ FIRST") < out.index("NO SUPPLEMENT ADVICE") < out.index("CLIENT")
    assert re.search(r"^Intake +2$", out, re.M)


def on_terminal(*args: str, **env: str) -> str:
    """What `magnesium` prints in a real pseudo-terminal."""
    import pexpect

    clean = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    child = pexpect.spawn(str(BIN / "magnesium"), list(args), encoding="utf-8", timeout=60,
                          env={**clean, "TERM": "xterm", **env})
    screen = child.read()
    child.close()
    assert child.exitstatus == 0, screen
    return screen


def test_show_summary_in_colour_on_a_terminal(two):
    assert "\x1b[1;31mGEEN SUPPLEMENTADVIES" in on_terminal("review", "2", "--no-pager")


def test_no_color_is_respected(two):
    assert "\x1b[" not in on_terminal("review", "2", "--no-pager", NO_COLOR="1")


def test_note_done_and_follow_up(two, capsys):
    code, out, err = cli(capsys, "review", "1", "--note", "Start met citraat 250 mg", "--done",
                         "--follow-up", "2030-05-01")
    assert code == 0 and out == ""
    assert err.splitlines() == ["intake 1: notitie opgeslagen", "intake 1: beoordeeld",
                                "intake 1: vervolgafspraak op 2030-05-01"]
    _, out, _ = cli(capsys, "review")
    assert "beoordeeld" in out.splitlines()[2] and "2030-05-01" in out.splitlines()[2]
    _, out, _ = cli(capsys, "review", "1")
    assert "NOTITIE VAN DE THERAPEUT\n------------------------\n" in out and "\nStart met citraat 250 mg" in out


def test_unknown_number_is_one_line_exit_2(two, capsys):
    code, out, err = cli(capsys, "review", "9")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "intake 9 bestaat niet" in err


def test_unknown_number_through_the_installed_command(two):
    result = magnesium("review", "9", "--lang", "en")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip().endswith("intake 9 does not exist") and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, option", [
    (["--note", "x"], "--note"), (["--done"], "--done"), (["--export", "a.html"], "--export"), (["--delete"], "--delete"),
])
def test_changes_need_a_number(two, capsys, args, option):
    code, out, err = cli(capsys, "review", *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"magnesium review: {option}: ")


@pytest.mark.parametrize("args, option", [
    (["1", "--follow-up", "1 mei"], "--follow-up"), (["1", "--export", "a.pdf"], "--export"),
    (["1", "--delete", "--done"], "--done"), (["1", "--client", "x"], "--client"), (["1", "--note", "x" * 5001], "--note"),
])
def test_bad_options_change_nothing(two, capsys, args, option):
    code, out, err = cli(capsys, "review", *args, "--note", "should not be saved") if option != "--note" \
        else cli(capsys, "review", *args)
    assert (code, out) == (2, "")
    assert f"magnesium review: {option}: " in err
    _, out, _ = cli(capsys, "review", "1")
    assert "should not be saved" not in out


@pytest.mark.parametrize("suffix, check", [
    (".html", lambda t: t.startswith("<!DOCTYPE html>") and "Jansen" in t),
    (".md", lambda t: t.startswith("# Magnesiumadvies")),
    (".json", lambda t: json.loads(t)["answers"]["client"] == "Jansen" and json.loads(t)["status"] == "new"),
])
def test_export(two, tmp_path, capsys, suffix, check):
    target = tmp_path / f"summary{suffix}"
    code, out, err = cli(capsys, "review", "1", "--export", str(target))
    assert (code, out) == (0, "")
    assert err == f"intake 1: opgeslagen in {target}\n"
    assert check(target.read_text(encoding="utf-8"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_missing_folder_is_one_line_exit_2(two, tmp_path, capsys):
    target = tmp_path / "missing" / "deeper" / "summary.html"
    code, out, err = cli(capsys, "review", "1", "--note", "should not be saved", "--export", str(target))
    assert (code, out) == (2, "")
    assert err == f"{target}: --export: kies een map die bestaat; de map {target.parent} bestaat niet\n"
    assert not (tmp_path / "missing").exists()
    assert "should not be saved" not in cli(capsys, "review", "1")[1]


def test_export_replaces_a_loose_file_with_a_private_one(two, tmp_path, capsys):
    target = tmp_path / "summary.html"
    target.write_text("old")
    target.chmod(0o644)
    assert cli(capsys, "review", "1", "--export", str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text().startswith("<!DOCTYPE")


def test_review_in_another_language_makes_the_advice_again_in_that_language(db, tmp_path, capsys):
    save(tmp_path, capsys, DE_VRIES, "--lang", "en")
    code, out, _ = cli(capsys, "review", "1")
    assert code == 0 and "[KRITIEK] Geen magnesiumsupplement" in out and "No magnesium supplement" not in out
    assert "de teksten van het advies zelf" not in out
    target = tmp_path / "samenvatting.md"
    assert cli(capsys, "review", "1", "--export", str(target))[0] == 0
    page = target.read_text(encoding="utf-8")
    assert "Geen magnesiumsupplement" in page and "No magnesium supplement" not in page
    _, out, _ = cli(capsys, "review", "1", "--lang", "en")
    assert "[CRITICAL] No magnesium supplement" in out


def test_review_with_another_rule_base_keeps_the_stored_advice_and_says_so(db, tmp_path, capsys):
    save(tmp_path, capsys, DE_VRIES, "--lang", "en")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE intake SET rulebase_version = 'sha256:older'")
    target = tmp_path / "samenvatting.md"
    assert cli(capsys, "review", "1", "--export", str(target))[0] == 0
    page = target.read_text(encoding="utf-8")
    assert "No magnesium supplement" in page and "Geen magnesiumsupplement" not in page
    assert "Engels: de teksten van het advies zelf staan ook in het Engels" in page
    assert "staan in de taal van de intake: Engels" in page


def test_json_export_is_the_whole_record(two, tmp_path, capsys):
    target = tmp_path / "record.json"
    cli(capsys, "review", "2", "--note", "verwezen", "--export", str(target))
    record = json.loads(target.read_text(encoding="utf-8"))
    assert set(record) >= {"number", "created_at", "client", "lang", "answers", "advice", "rulebase_version",
                           "accepted_at", "status", "note", "reviewed_at", "follow_up", "blocked", "schema_version"}
    assert record["note"] == "verwezen" and record["blocked"] is True
    assert record["advice"]["block_reasons"] == ["kidney_problems"]


def test_delete_asks_first(two, capsys, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda: "nee")
    code, out, err = cli(capsys, "review", "1", "--delete")
    assert code == 0 and err.endswith("[j/N] Niets verwijderd.\n")
    monkeypatch.setattr("builtins.input", lambda: "j")
    code, out, err = cli(capsys, "review", "1", "--delete")
    assert code == 0 and err.endswith("intake 1 is verwijderd\n")
    assert cli(capsys, "review", "1")[0] == 2


def test_delete_without_an_answer_keeps_the_intake(two):
    result = magnesium("review", "1", "--delete", stdin="")
    assert result.returncode == 0 and "Niets verwijderd." in result.stderr
    assert "Jansen" in magnesium("review").stdout


def test_delete_yes_for_scripts(two, capsys):
    code, _, err = cli(capsys, "review", "2", "--delete", "--yes", "--lang", "en")
    assert (code, err) == (0, "intake 2 is deleted\n")
    _, out, _ = cli(capsys, "review")
    assert "de Vries" not in out and "Jansen" in out


def test_delete_takes_the_intakes_waiting_plan_and_follow_up_along(two, capsys):
    waiting = [two.with_name(f"{two.name}.plan-2.yaml"), two.with_name(f"{two.name}.follow-up-2.resume.yaml")]
    others = [two.with_name(f"{two.name}.plan-1.yaml"), two.with_name(f"{two.name}.follow-up-1.resume.yaml")]
    for path in waiting + others:
        path.write_text("items: []\n", encoding="utf-8")
    assert cli(capsys, "review", "2", "--delete", "--yes")[0] == 0
    assert [p.exists() for p in waiting + others] == [False, False, True, True]


def test_where(db, capsys):
    assert cli(capsys, "review", "--where") == (0, f"{db}\n", "")


def test_not_a_store_is_bad_input(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    code, out, err = cli(capsys, "review", "--db", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: store: ")
