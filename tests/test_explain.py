"""`magnesium explain FILE | N`: golden output for a file intake, a stored intake explained
with the rules of its day, and the data of engine/explain.py checked against the engine."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import magnesium
from engine.answers import complete
from engine.conditions import holds
from engine.explain import explain, stage_facts

HERE = Path(__file__).parent
ANSWERS = HERE / "explain" / "jansen.yaml"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_explain_a_file_golden(lang):
    result = magnesium("explain", str(ANSWERS), "--lang", lang)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    golden = HERE / "golden" / f"explain-jansen-{lang}.txt"
    got = result.stdout.replace(result.stdout.split("sha256:", 1)[1][:12], "<version>", 1)
    if os.environ.get("MAGNESIUM_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_every_shown_condition_holds_and_every_almost_misses_one(adv):
    """The explanation agrees with the engine: the tests shown for a fired rule hold on the
    client's fact; a rule that almost fired did not fire, and its missing test does not hold."""
    answers = complete({"age": 42, "sex": "female", "kidney": "none", "pregnant": False, "breastfeeding": False,
                        "complaints": ["muscle_cramps", "sleep_problems"], "medications": ["antibiotics"]})
    advice = adv.advise(answers)
    said = explain(adv.base, answers, advice)
    facts = stage_facts(adv.base, answers, advice)
    assert [(i.kind, i.id) for i in said.items][:2] == [("recommend", "citrate"), ("warning", "antibiotics")]
    for item in said.items:
        for because in item.because:
            assert because.rule.id in advice["fired_rules"] and holds(because.rule.condition, facts[because.rule.stage])
            assert all(leaf.holds for leaf in because.leaves)
    assert said.almost and all(a.rule.id not in advice["fired_rules"] and not a.missing.holds for a in said.almost)
    assert "cramps-citrate-older" in [a.rule.id for a in said.almost]


def test_explain_a_stored_intake_with_the_rules_of_its_day(tmp_path):
    db = tmp_path / "intakes.sqlite3"
    saved = magnesium("advise", str(ANSWERS), "--save", "--db", str(db))
    assert saved.returncode == 0, saved.stderr
    folder = tmp_path / "mijn-regels"
    assert magnesium("rules", "init", str(folder)).returncode == 0
    text = (folder / "advice.yaml").read_text(encoding="utf-8")
    (folder / "advice.yaml").write_text(text.replace("Spierkrampen (jonger dan 65): citraat", "Krampen: citraat"),
                                        encoding="utf-8")
    result = magnesium("explain", "1", "--db", str(db), "--rules", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Waarom dit advies (Jansen, regelbasis sha256:")
    assert "(advies en regels zoals op " in result.stdout.splitlines()[0]
    assert "regel cramps-citrate: Spierkrampen (jonger dan 65): citraat" in result.stdout  # the rules of that day
    mine = magnesium("explain", str(ANSWERS), "--rules", str(folder))
    assert "regel cramps-citrate: Krampen: citraat" in mine.stdout  # a file: the rules asked for


def test_explain_of_something_that_is_neither_file_nor_number(tmp_path):
    result = magnesium("explain", str(tmp_path / "missing.yaml"), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"magnesium explain: FILE|N: give an answers file or the number of a saved intake; "
                             f"got '{tmp_path / 'missing.yaml'}'\n")


def test_every_scenario_is_explained_by_its_rules(adv):
    """Every golden scenario: each recommendation, block and warning has the rule that gave it,
    except the program's own notes on amounts and the avoid list."""
    from engine.answers import validate
    from engine.yamlsource import read

    notes = {"avoid_exception", "amount_capped", "amount_merged"}
    for path in sorted((HERE / "scenarios").glob("*.yaml")):
        doc = read(str(path))
        doc.data = doc.data["answers"]
        answers = validate(doc, adv.base.catalogue)
        said = explain(adv.base, answers, adv.advise(answers))
        assert all(item.because or item.id in notes for item in said.items), path.name
