"""The store keeps each rule-base version's files; `rules impact` compares stored advice with
an edited rule folder and changes nothing."""
from __future__ import annotations

import hashlib
import shutil
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT, magnesium
from engine.advise import stored_advisor
from engine.answers import complete
from engine.rulebase import load_files
from questionnaire.store import open_store

CLIENTS = [
    {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
     "complaints": ["muscle_cramps"]},
    {"client": "De Vries", "age": 50, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"]},
    {"client": "Bakker", "age": 40, "sex": "male", "kidney": "problems", "complaints": ["muscle_cramps"]},
    {"client": "Visser", "age": 30, "sex": "male", "kidney": "none", "complaints": ["migraine"]},
    {"client": "Smit", "age": 80, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps"]},
]
CRAMPS = "then: {recommend: {form: citrate, mg_per_day: [100, 250], amount_basis: elemental}}"


@pytest.fixture
def db(tmp_path, adv) -> Path:
    path = tmp_path / "intakes.sqlite3"
    with open_store(str(path)) as store:
        for client in CLIENTS:
            answers = complete(client)
            store.save_intake(answers, adv.advise(answers, "nl"), "nl", None)
    return path


def _rules(tmp_path: Path) -> Path:
    folder = tmp_path / "mijn-regels"
    assert magnesium("rules", "init", str(folder)).returncode == 0
    return folder


def test_the_store_keeps_each_rule_base_version_once(db, adv):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT version, files FROM rulebases").fetchall()
    assert [r[0] for r in rows] == [adv.base.version]
    files = json.loads(rows[0][1])
    assert sorted(files) == sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert load_files(files, "stored").version == adv.base.version
    assert stored_advisor(adv.base.version, files).advise(complete(CLIENTS[0])) == adv.advise(complete(CLIENTS[0]))


def test_impact_of_an_edited_amount(tmp_path, db):
    folder = _rules(tmp_path)
    text = (folder / "advice.yaml").read_text(encoding="utf-8")
    (folder / "advice.yaml").write_text(text.replace(CRAMPS, CRAMPS.replace("[100, 250]", "[100, 200]"), 1),
                                        encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = magnesium("rules", "impact", str(folder), "--db", str(db), "--lang", "en")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.splitlines() == [
        "intake 1 (Jansen): citrate 100-250 -> 100-200 mg",
        "intake 2 (De Vries): citrate 100-250 -> 100-200 mg; +warning amount_merged",
        f"2 of 5 intakes change with {folder}; the store is unchanged",
    ]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_impact_of_unchanged_rules_is_nothing(tmp_path, db):
    result = magnesium("rules", "impact", str(_rules(tmp_path)), "--db", str(db))
    assert result.returncode == 0 and result.stdout.endswith("0 van 5 intakes veranderen met "
                                                             f"{tmp_path / 'mijn-regels'}; de opslag is niet veranderd\n")


def test_impact_of_a_block_and_a_doctor_first(tmp_path, db):
    folder = _rules(tmp_path)
    text = (folder / "safety.yaml").read_text(encoding="utf-8")
    assert "when: {kidney: problems}" in text
    text = text.replace("when: {kidney: problems}", "when: {any: [{kidney: problems}, {age: 30}]}")
    (folder / "safety.yaml").write_text(text, encoding="utf-8")
    result = magnesium("rules", "impact", str(folder), "--db", str(db), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("intake 4 (Visser): now blocked (kidney_problems); -form ")


def test_impact_without_a_store_is_one_line(tmp_path):
    result = magnesium("rules", "impact", str(ROOT / "rules"), "--db", str(tmp_path / "none.sqlite3"), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    assert not (tmp_path / "none.sqlite3").exists()
    assert result.stderr == (f"{tmp_path / 'none.sqlite3'}: store: give the path of an existing intake store "
                             f"(see 'magnesium review --where'); {tmp_path / 'none.sqlite3'} does not exist\n")


def test_advise_and_review_with_own_rules(tmp_path):
    """--rules on advise uses the folder; review shows (and re-words) the intake with the rules
    it was advised with, which the store kept, whatever the rules of today."""
    folder = _rules(tmp_path)
    text = (folder / "advice.yaml").read_text(encoding="utf-8")
    (folder / "advice.yaml").write_text(text.replace(CRAMPS, CRAMPS.replace("[100, 250]", "[100, 200]"), 1),
                                        encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("client: Jansen\nage: 42\nsex: female\npregnant: false\nbreastfeeding: false\nkidney: none\n"
                       "complaints: [muscle_cramps]\n", encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    shipped = json.loads(magnesium("advise", str(answers), "--format", "json").stdout)
    mine = magnesium("advise", str(answers), "--format", "json", "--rules", str(folder), "--save", "--db", db)
    assert mine.returncode == 0, mine.stderr
    assert shipped["recommendations"][0]["mg_per_day"] == [100, 250]
    assert json.loads(mine.stdout)["recommendations"][0]["mg_per_day"] == [100, 200]
    shutil.rmtree(folder)  # the folder is gone: the store still has its rules
    review = magnesium("review", "1", "--db", db, "--lang", "en", env={"NO_COLOR": "1"})
    assert review.returncode == 0, review.stderr
    assert "100-200 mg" in review.stdout.replace("–", "-") and "in the language of the intake" not in review.stdout


def test_impact_of_the_upper_limit_policy(tmp_path, db):
    folder = _rules(tmp_path)
    (folder / "settings.yaml").write_text("settings:\n  upper_limit_policy: NIH\n", encoding="utf-8")
    result = magnesium("rules", "impact", str(folder), "--db", str(db), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "intake 1 (Jansen): upper limit 250 (EFSA) -> 350 (NIH) mg"


def test_a_store_of_the_first_release_is_upgraded_and_keeps_its_intakes(tmp_path, adv):
    """Schema 1 (no rulebases table): opened read-only it is read as it is (no rule files);
    opened normally it is migrated, and the next save keeps the rule files."""
    from questionnaire import store as store_module

    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    for statement in store_module.MIGRATIONS[0]:
        con.execute(statement)
    answers = complete(CLIENTS[0])
    con.execute("INSERT INTO intake (created_at, client, lang, answers, advice, rulebase_version, follow_up) "
                "VALUES ('2025-01-01T10:00:00+01:00', 'Jansen', 'nl', ?, ?, ?, '2025-02-01')",
                (json.dumps(answers), json.dumps(adv.advise(answers)), adv.base.version))
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    with store_module.open_read_only(str(path)) as old:
        assert old.rulebase_files(adv.base.version) is None and len(old.list_intakes()) == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1  # read-only: untouched
    with open_store(str(path)) as store:
        store.save_intake(answers, adv.advise(answers), "nl", None)
        assert load_files(store.rulebase_files(adv.base.version), "kept").version == adv.base.version
        assert [i.number for i in store.list_intakes()] == [1, 2]
