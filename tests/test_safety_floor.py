"""The safety floor (engine/safety_floor.py): a rule folder that lifts a safety rule is refused
when it is loaded, by every command alike, before any client is advised.

Each edit below is one the issue's mutation run or fuzzer made to the shipped rules; each must be
refused with the promise it breaks, whichever client would have noticed it first.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import cli
from engine import safety_floor
from engine.advise import Advisor
from engine.answers import complete
from engine.errors import BadInput
from engine.rulebase import load

ROOT = Path(__file__).resolve().parent.parent


def edited(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of the shipped rules with each (file, old, new) edit made (the old text must be there)."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    for name, old, new in edits:
        text = (rules / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (rules / name).write_text(text.replace(old, new), encoding="utf-8")
    return rules


def refusal(rules: Path, lang: str = "en") -> list[str]:
    with pytest.raises(BadInput) as err:
        Advisor(load(rules))
    return [p.render(lang) for p in err.value.problems]


SAFETY, SIGNS = "safety.yaml", "{any_of: [low_blood_pressure, dizziness, muscle_weakness, slow_breathing]}"
CONTRA = "[myasthenia_gravis, heart_block, bowel_obstruction]"


def _without(listed: str, item: str) -> str:
    return listed.replace(f"{item}, ", "").replace(f", {item}", "")


# (the edit, the promise it breaks): the mutants the issue names first, then one per safety rule
LIFTED = [
    *(((SAFETY, CONTRA, _without(CONTRA, c)), "contraindication_block")
      for c in ("myasthenia_gravis", "heart_block", "bowel_obstruction")),
    *(((SAFETY, SIGNS, _without(SIGNS, sign)), "excess_serious_block")
      for sign in ("low_blood_pressure", "dizziness", "muscle_weakness", "slow_breathing")),
    ((SAFETY, "      takes_magnesium: true\n      excess_symptoms: " + SIGNS,
      "      kidney: none\n      takes_magnesium: true\n      excess_symptoms: " + SIGNS), "excess_serious_block"),
    ((SAFETY, "{current_over_limit: true, age: {between: [1, 13]}}", "{current_over_limit: true, age: {between: [1, 8]}}"),
     "child_above_limit_block"),
    ((SAFETY, "{current_over_limit: true, age: {between: [1, 13]}}", "{current_over_limit: true, age: {between: [2, 13]}}"),
     "child_above_limit_block"),
    ((SAFETY, "when: {kidney: problems}", "when: {kidney: problems, sex: male}"), "kidney_problems_block"),
    ((SAFETY, "when: {kidney: unknown}", "when: {kidney: unknown, age: {lt: 18}}"), "kidney_unknown_block"),
    ((SAFETY, "when: {age: 0}", "when: {age: 0, sex: male}"), "infant_block"),
    ((SAFETY, "when: {age: {gte: 70}, kidney_checked: false}", "when: {age: {gte: 71}, kidney_checked: false}"),
     "doctor_first_kidney_check_needed"),
    ((SAFETY, "when: {age: {between: [1, 13]}}\n    then:\n      doctor_first: child",
      "when: {age: {between: [1, 12]}}\n    then:\n      doctor_first: child"), "doctor_first_child"),
    ((SAFETY, "when: {age: {between: [1, 3]}}", "when: {age: {between: [1, 2]}}"), "young_child_no_topical"),
    ((SAFETY, "adjust: {consult_doctor: true}", "adjust: {consult_doctor: false}"), "pregnancy_doctor"),
    ((SAFETY, "when: {blocked: true, takes_magnesium: true}", "when: {blocked: true, takes_magnesium: true, age: {lt: 18}}"),
     "blocked_stop_current"),
    ((SAFETY, "when: {current_over_limit: true, blocked: false}", "when: {current_over_limit: true, blocked: false, age: {gte: 18}}"),
     "current_above_limit_warned"),
    ((SAFETY, "when: {complaints: palpitations}", "when: {complaints: palpitations, age: {gte: 18}}"),
     "doctor_first_palpitations"),
    ((SAFETY, "age: {between: [14, 17]}", "age: {between: [15, 17]}"), "doctor_first_minor_referral"),
    ((SAFETY, "- conditions_count: {gte: 1}", "- conditions_count: {gte: 2}"), "doctor_first_minor_referral"),
    ((SAFETY, "when: {complaints: memory_problems, age: {gte: 50}}", "when: {complaints: memory_problems, age: {gte: 51}}"),
     "doctor_first_memory_referral"),
    ((SAFETY, "        - symptoms: stomach_cramps\n", ""), "doctor_first_pregnancy_abdominal_pain"),
    ((SAFETY, "      conditions: heart_failure\n      medications: {none_of:",
      "      conditions: heart_failure\n      age: {gte: 18}\n      medications: {none_of:"), "doctor_first_heart_failure"),
    ((SAFETY, "when: {conditions: magnesium_deficiency}", "when: {conditions: magnesium_deficiency, sex: male}"),
     "doctor_first_measured_deficiency"),
    ((SAFETY, "when: {pregnant: true, medications: bisphosphonates}", "when: {pregnant: true, medications: bisphosphonates, age: {gte: 18}}"),
     "doctor_first_pregnancy_medicine"),
    ((SAFETY, "[heart_failure, hormone_related_cancer, diabetes, crohns_disease]",
      "[heart_failure, hormone_related_cancer, crohns_disease]"), "doctor_first_high_risk_pregnancy"),
    ((SAFETY, "      any:\n        - excess_symptoms: nausea\n        - {age: {gte: 70}, excess_symptoms: diarrhea}\n    then:\n      doctor_first",
      "      any:\n        - excess_symptoms: nausea\n        - {age: {gte: 71}, excess_symptoms: diarrhea}\n    then:\n      doctor_first"),
     "doctor_first_side_effects"),
    (("medicines.yaml", "when: {medications: potassium_sparing_diuretics}",
      "when: {medications: potassium_sparing_diuretics, sex: female}"), "doctor_first_potassium_sparing_diuretics"),
    (("medicines.yaml", "when: {medications: magnesium_antacids_laxatives}",
      "when: {medications: magnesium_antacids_laxatives, age: {lt: 50}}"), "doctor_first_magnesium_antacids_laxatives"),
    (("medicines.yaml", "when: {medications: bisphosphonates, complaints: heartburn}",
      "when: {medications: bisphosphonates, complaints: heartburn, age: {gte: 60}}"), "doctor_first_bisphosphonate_heartburn"),
    (("medicines.yaml", "when: {medications: antibiotics}", "when: {medications: antibiotics, age: {gte: 18}}"),
     "warned_antibiotics"),
    (("referrals.yaml", "when: {complaints: mobility}", "when: {complaints: mobility, age: {gte: 18}}"),
     "warned_mobility_referral"),
    (("referrals.yaml", "when: {complaints: migraine, age: {gte: 50}}", "when: {complaints: migraine, age: {gte: 60}}"),
     "warned_headache_over_50"),
    (("referrals.yaml", "liver_problems, multiple_sclerosis, alzheimers, depression]", "liver_problems, multiple_sclerosis, alzheimers]"),
     "warned_symptom_referral"),
    (("plausibility.yaml", "when: {current_implied_salt_mg: {gt: 3000}}", "when: {current_implied_salt_mg: {gt: 30000}}"),
     "warned_check_label"),
    (("advice.yaml", "      complaints: sports_muscle_pain\n      not: {complaints: skin_irritation}\n",
      "      complaints: sports_muscle_pain\n"), "no_topical_on_irritated_skin"),
]


@pytest.mark.parametrize("edit, promise", LIFTED, ids=[f"{e[0]}-{p}" for e, p in LIFTED])
def test_a_folder_that_lifts_a_safety_rule_is_refused_on_loading(tmp_path, edit, promise):
    rules = edited(tmp_path, edit)
    lines = refusal(rules)
    assert any(f"keeps the promise '{promise}'; the rule files break it for the test client: " in line for line in lines)
    assert all(line.startswith(f"{rules}: safety: ") for line in lines)


def _safety_rules() -> list[tuple[str, str]]:
    """(file, rule id) of every shipped rule that blocks or sends to the doctor first."""
    import yaml

    return [(path.name, rule["id"]) for path in sorted((ROOT / "rules").glob("*.yaml"))
            for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", [])
            if {"block", "doctor_first"} & set(rule["then"])]


@pytest.mark.parametrize("name, rule", _safety_rules(), ids=[r for _, r in _safety_rules()])
def test_deleting_any_rule_that_blocks_or_sends_to_the_doctor_is_refused(tmp_path, name, rule):
    rules = edited(tmp_path)
    lines = (rules / name).read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  - id: {rule}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ") or
                (lines[i] and not lines[i].startswith(" "))), len(lines))
    (rules / name).write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    assert refusal(rules)  # by the triage table that names the rule's reason, or by the floor


def test_the_refusal_names_the_folder_the_promise_and_the_test_client_in_words(tmp_path):
    rules = edited(tmp_path, (SAFETY, CONTRA, _without(CONTRA, "heart_block")))
    assert refusal(rules, "nl") == [
        f"{rules}: safety: zet de veiligheidsregel terug die 'contraindication_block' belooft; de regelbestanden "
        "houden zich er niet aan bij de proefcliënt: 40 jaar, Vrouw, Hartblok of een heel trage hartslag"]
    rules = edited(tmp_path / "b", (SAFETY, "{current_over_limit: true, age: {between: [1, 13]}}",
                                    "{current_over_limit: true, age: {between: [1, 8]}}"))
    assert refusal(rules) == [
        f"{rules}: safety: restore the safety rule that keeps the promise 'child_above_limit_block'; the rule files "
        "break it for the test client: aged 9, Female, takes 251 mg of magnesium as Magnesium citrate now"]


def test_the_shipped_rules_keep_every_promise_on_every_probe(adv):
    assert safety_floor.verdict(adv) == []


def test_a_catalogue_without_an_answer_a_promise_asks_about_is_refused(tmp_path):
    """Without heart_block in the catalogue no client could report it: refused, not merely unasked."""
    rules = edited(tmp_path, (SAFETY, CONTRA, _without(CONTRA, "heart_block")),
                   ("catalogue.yaml", "    heart_block: {nl: Hartblok of een heel trage hartslag, en: Heart block or a very slow heartbeat}\n", ""),
                   ("triage.yaml", "    heart_block: [*contraindication, *pregnant_none, *breastfeeding_none, *child_pair, *minor_pair, *old_none]\n", ""))
    assert refusal(rules) == [f"{rules}: conditions.heart_block: put 'heart_block' back under catalogue: conditions:; "
                              "the safety promises ask about it, so a client must be able to report it"]


def test_a_limit_above_the_references_is_refused_on_loading_not_only_by_check(tmp_path):
    rules = edited(tmp_path, ("reference.yaml", "upper_limit: {NIH: 110, EFSA: 250}", "upper_limit: {NIH: 300, EFSA: 250}"))
    assert refusal(rules) == [
        f"{rules}/reference.yaml:31: rule 'ref-4-8': give upper_limit {{NIH: ..., EFSA: ...}} a limit NIH or EFSA sets "
        "for this age (at most 65 mg at 1-3, 250 mg at 4-8, 350 mg from 9); now it is missing or higher"]


EXTRA = """rules:
  - id: carbonate-salt
    title: {nl: Carbonaat als zout, en: Carbonate as a salt}
    priority: 1
    when: {complaints: muscle_cramps}
    then: {recommend: {form: carbonate, mg_per_day: 5000, amount_basis: compound%s}}
    source: {nl: "een bron", en: "a source"}
    evidence: {level: low, source: {nl: "een bron", en: "a source"}}
"""
CRAMPS = complete({"age": 40, "sex": "female", "kidney": "none", "complaints": ["muscle_cramps"]})


def _carbonate(tmp_path: Path, consult: bool) -> dict:
    rules = edited(tmp_path)
    (rules / "zz-extra.yaml").write_text(EXTRA % (", consult_doctor: true" if consult else ""), encoding="utf-8")
    advice = Advisor(load(rules)).advise(CRAMPS, "en")
    return next(r for r in advice["recommendations"] if r["form"] == "carbonate"), advice["warnings"]


def test_a_compound_amount_above_the_limit_is_capped_on_its_elemental_amount(tmp_path):
    """5000 mg carbonate (28 % magnesium: 1400 mg) without the doctor: the limit, in magnesium."""
    rec, warnings = _carbonate(tmp_path, consult=False)
    assert (rec["mg_per_day"], rec["amount_basis"], rec["consult_doctor"]) == (250, "elemental", False)
    assert "amount_capped" in {w["id"] for w in warnings}


def test_consult_doctor_is_no_licence_for_any_amount(tmp_path):
    """With the doctor: at most twice the limit, and the read-first warning that it is above it."""
    rec, warnings = _carbonate(tmp_path, consult=True)
    assert (rec["mg_per_day"], rec["amount_basis"], rec["consult_doctor"]) == (500, "elemental", True)
    said = next(w for w in warnings if w["id"] == "above_limit_doctor")
    assert said["level"] == "warning" and said["text"] == (
        "Magnesium carbonate: the amount (up to 500 mg of magnesium a day) is above the upper limit of 250 mg for "
        "supplements. Give it only when the doctor agrees, and even then no more than 500 mg a day.")


def test_the_warning_of_an_amount_above_the_limit_is_read_first(adv):
    from datetime import date

    from questionnaire.summary.context import FIRST, Context

    said = {"id": "above_limit_doctor", "level": "warning", "text": "x", "source": "EFSA"}
    advice = dict(adv.advise(CRAMPS), warnings=[said])
    assert Context(CRAMPS, advice, adv.base, "nl", None, date.today(), "nl").home(said) == FIRST


BROKEN_KIDNEY = (SAFETY, "when: {kidney: problems}", "when: {kidney: problems, sex: male}")


def test_check_advise_and_batch_give_one_verdict_and_never_half_use_a_folder(tmp_path, capsys):
    rules = edited(tmp_path, BROKEN_KIDNEY)
    answers = tmp_path / "a.yaml"
    answers.write_text("age: 40\nsex: male\nkidney: none\n", encoding="utf-8")
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"age": 40, "sex": "male", "kidney": "none"}) + "\n", encoding="utf-8")
    said = [cli(capsys, *args, "--rules", str(rules)) for args in (("advise", str(answers)), ("advise", "--batch", str(batch)))]
    said.append(cli(capsys, "rules", "check", str(rules)))
    assert said[0] == said[1] == said[2]
    code, out, err = said[0]
    assert (code, out) == (2, "") and err.count("'kidney_problems_block'") == 1


def test_a_batch_stops_at_a_promise_its_rules_break_beyond_the_probes(tmp_path, capsys):
    """An edit no probe client meets: the batch stops at the first client it concerns."""
    rules = edited(tmp_path, (SAFETY, "when: {kidney: problems}",
                              "when: {kidney: problems, not: {complaints: {all_of: [fatigue, migraine, muscle_cramps]}}}"))
    lines = [{"age": 40, "sex": "male", "kidney": "none"},
             {"age": 40, "sex": "male", "kidney": "problems", "complaints": ["fatigue", "migraine", "muscle_cramps"]},
             {"age": 50, "sex": "male", "kidney": "none"}]
    batch = tmp_path / "b.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, out, err = cli(capsys, "advise", "--batch", str(batch), "--rules", str(rules), "--lang", "en")
    assert code == 2 and len(out.splitlines()) == 1 and json.loads(out)["blocked"] is False
    assert err.splitlines() == [
        f"{rules}: safety: restore the safety rule that keeps the promise 'kidney_problems_block'; the rule files break it",
        f"{batch}:2: --batch: fix the rule folder and run the batch again; the rules break a safety promise on this "
        "line, so the batch stops here (the advice above kept every promise)"]


def test_a_folder_that_passed_is_remembered_by_its_hash_and_the_engines(tmp_path, monkeypatch, adv):
    """The probes run once per rule base and engine: then the verdict is a file lookup."""
    rules = edited(tmp_path, ("texts.yaml", "Meer alleen in overleg met de arts.", "Meer alleen met de arts."))
    cache = tmp_path / "cache"
    monkeypatch.setenv("MAGNESIUM_CACHE", str(cache))
    Advisor(load(rules))
    assert len(list(cache.glob("floor-*"))) == 1
    monkeypatch.setattr(safety_floor, "_PASSED", set())
    monkeypatch.setattr(safety_floor, "verdict", lambda adv: pytest.fail("asked again"))
    Advisor(load(rules))  # from the file
    monkeypatch.setenv("MAGNESIUM_CACHE", "")
    Advisor(load(rules))  # from the process


def test_a_rule_base_of_an_earlier_day_is_not_asked_again(monkeypatch, adv):
    """The store keeps the rules an intake was advised with: shown and compared, never refused later."""
    monkeypatch.setattr(safety_floor, "verdict", lambda adv: pytest.fail("asked"))
    assert Advisor(adv.base, earlier=True).advise(CRAMPS)["recommendations"]


def test_each_probe_is_valid_answers_for_the_shipped_catalogue(adv):
    from engine.yamlsource import Document

    probes = list(safety_floor.probes(adv.base))
    assert len(probes) > 1000
    for probe in probes:
        adv.check(Document("<probe>", {k: v for k, v in probe.items() if v is not None}))
