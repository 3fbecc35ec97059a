"""The triage table (rules/triage.yaml): every answer has a decision, and every decision is what
the rules actually do.

The sweep adds each catalogue answer to each of a set of profiles (adult, pregnant,
breastfeeding, every age band, 70+ with and without a kidney test, the kidney answers,
magnesium taken now) and compares what the table declares with what the advice shows: a block
reason, a doctor-first reason (with no amount), or a warning of level warning or critical. The
comparison goes both ways, so an advice that shows more than the table says fails as well as
one that shows less. Every decision of the table must apply somewhere in the sweep.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import ROOT
from engine.answers import complete
from engine.errors import BadInput
from engine.explain import stage_facts
from engine.rulebase import load
from engine.triage import PAIR_PROFILES, PAIRED, PROFILES, TRIAGED, applying, declared, observed
from strategies import answers

PROFILE_ANSWERS = {
    "woman 40": dict(age=40, sex="female", pregnant=False, breastfeeding=False, kidney="none"),
    "man 40": dict(age=40, sex="male", kidney="none"),
    "pregnant 30": dict(age=30, sex="female", pregnant=True, breastfeeding=False, kidney="none"),
    "breastfeeding 30": dict(age=30, sex="female", pregnant=False, breastfeeding=True, kidney="none"),
    "pregnant and breastfeeding 35": dict(age=35, sex="other", pregnant=True, breastfeeding=True, kidney="none"),
    "infant": dict(age=0, age_months=6, sex="male", kidney="none"),
    "boy 2": dict(age=2, sex="male", kidney="none"),
    "girl 6": dict(age=6, sex="female", kidney="none"),
    "girl 10": dict(age=10, sex="female", kidney="none"),
    "girl 15": dict(age=15, sex="female", pregnant=False, breastfeeding=False, kidney="none"),
    "boy 16": dict(age=16, sex="male", kidney="none"),
    "woman 55": dict(age=55, sex="female", pregnant=False, breastfeeding=False, kidney="none"),
    "man 67": dict(age=67, sex="male", kidney="none"),
    "man 75 not measured": dict(age=75, sex="male", kidney="none"),
    "woman 75 measured": dict(age=75, sex="female", kidney="none", kidney_checked=True),
    "kidney problems": dict(age=40, sex="male", kidney="problems"),
    "kidney unknown": dict(age=40, sex="male", kidney="unknown"),
    "bisphosphonate 60": dict(age=60, sex="female", kidney="none", medications=["bisphosphonates"]),
    "antibiotic 40": dict(age=40, sex="male", kidney="none", medications=["antibiotics"]),
    "acid inhibitor 50": dict(age=50, sex="female", pregnant=False, breastfeeding=False, kidney="none",
                              medications=["acid_inhibitors"]),
    "citrate 100": dict(age=40, sex="female", pregnant=False, breastfeeding=False, kidney="none",
                        current_magnesium={"form": "citrate", "mg_per_day": 100}),
    "glycinate 100 at 75": dict(age=75, sex="female", kidney="none", kidney_checked=True,
                                current_magnesium={"form": "glycinate", "mg_per_day": 100}),
    "citrate 100, kidney unknown": dict(age=40, sex="male", kidney="unknown",
                                        current_magnesium={"form": "citrate", "mg_per_day": 100}),
    "child 6 above the limit": dict(age=6, sex="male", kidney="none",
                                    current_magnesium={"form": "citrate", "mg_per_day": 200}),
    "gluconate 600 elemental": dict(age=33, sex="female", pregnant=False, breastfeeding=False, kidney="none",
                                    current_magnesium={"form": "gluconate", "mg_per_day": 600}),
    "orotate 100": dict(age=50, sex="male", kidney="none", current_magnesium={"form": "orotate", "mg_per_day": 100}),
    "boy 3 on citrate, amount unknown": dict(age=3, sex="male", kidney="none",
                                             current_magnesium={"form": "citrate", "mg_per_day": None}),
}


def _with(profile: dict, kind: str, item: str) -> dict:
    return complete({**profile, kind: sorted({*profile.get(kind, []), item})})


def _cases(adv):
    """Every profile alone, and with each answer of the catalogue added (signs of too much only
    where magnesium is taken now)."""
    for name, profile in PROFILE_ANSWERS.items():
        yield name, complete(profile)
        for kind in TRIAGED:
            if kind == "excess_symptoms" and "current_magnesium" not in profile:
                continue
            for item in adv.base.catalogue[kind]:
                yield f"{name} + {kind}.{item}", _with(profile, kind, item)


def _compare(adv, answers: dict) -> tuple[set, set, dict, dict]:
    advice = adv.advise(answers, "en")
    fact = stage_facts(adv.base, answers, advice)["outcome"]
    return declared(adv.base.triage, fact), observed(advice), advice, fact


def test_every_answer_of_the_catalogue_has_a_decision(adv):
    for kind in (PROFILES, *TRIAGED):
        assert set(adv.base.triage[kind]) == set(adv.base.catalogue[kind]), kind
        for entry in adv.base.triage[kind].values():
            assert any(d.when is None and not d.with_ for d in entry.decisions), entry.id
    for kind in PAIRED:
        for entry in adv.base.triage[kind].values():
            assert {p for d in entry.decisions for p in d.with_} >= set(PAIR_PROFILES), entry.id


def test_the_table_agrees_with_the_rules_for_every_answer_in_every_profile(adv):
    wrong, used = [], set()
    for name, answers in _cases(adv):
        said, shown, advice, fact = _compare(adv, answers)
        used |= {(entry.kind, entry.id, i) for entry, d in applying(adv.base.triage, fact)
                 for i, other in enumerate(entry.decisions) if other is d}
        if said != shown:
            wrong.append(f"{name}: table only {sorted(said - shown)}, advice only {sorted(shown - said)}")
        if advice["doctor_first"]:
            assert all(r["mg_per_day"] is None for r in advice["recommendations"]), name
    assert not wrong, "\n".join(wrong[:20])
    unused = [f"{kind}.{item} #{i + 1}" for kind, items in adv.base.triage.items() for item, entry in items.items()
              for i in range(len(entry.decisions)) if (kind, item, i) not in used]
    assert not unused, f"decisions no profile of the sweep reaches (add a profile): {unused}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_the_table_agrees_with_the_rules_for_any_answers(adv, a):
    said, shown, _, _ = _compare(adv, a)
    assert said == shown


def _rules_copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    return rules


def _problems(rules: Path) -> list[str]:
    with pytest.raises(BadInput) as err:
        load(rules)
    return [p.render("en").replace(str(rules) + "/", "") for p in err.value.problems]


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_new_answer_without_a_decision_is_refused_at_its_line(tmp_path):
    rules = _rules_copy(tmp_path)
    catalogue = rules / "catalogue.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("    fatigue: {nl: Moe zijn, en: Tiredness}\n",
                                      "    fatigue: {nl: Moe zijn, en: Tiredness}\n    hair_loss: {nl: Haaruitval, en: Hair loss}\n"),
                         encoding="utf-8")
    line = _line_of(catalogue, "hair_loss")
    assert _problems(rules) == [
        f"catalogue.yaml:{line}: complaints.hair_loss: give this answer a decision under triage: complaints: "
        "(block, doctor_first, referral, warning or none, with why and source); it has none"]


def test_an_answer_whose_decision_is_removed_is_refused(tmp_path):
    rules = _rules_copy(tmp_path)
    triage = rules / "triage.yaml"
    triage.write_text(triage.read_text(encoding="utf-8").replace("    tinnitus: [*sign]\n", ""), encoding="utf-8")
    line = _line_of(rules / "catalogue.yaml", "    tinnitus:")
    assert _problems(rules) == [f"catalogue.yaml:{line}: symptoms.tinnitus: give this answer a decision under triage: "
                                "symptoms: (block, doctor_first, referral, warning or none, with why and source); it has none"]


@pytest.mark.parametrize("entry,expected", [
    ("    fatigue: [{decision: maybe, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: choose one of: block, doctor_first, referral, warning, none; got 'maybe'"),
    ("    fatigue: [{decision: referral, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: give an id with decision: referral"),
    ("    fatigue: [{decision: none, id: x, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: give an id with decision: none"),
    ("    fatigue: [{decision: none, why: {nl: a}, source: {nl: a, en: b}}]",
     "complaints.fatigue.why: give the text in Dutch and English"),
    ("    fatigue: [{decision: none, why: {nl: a, en: b}, source: {nl: a, en: b}, because: x}]",
     "complaints.fatigue: write a decision with decision, why and source"),
    ("    fatigue: [{decision: none, when: {age: {gte: 5}}, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: add a decision without when: and with:"),
    ("    fatigue: [{decision: none, why: {nl: a, en: b}, source: {nl: a, en: b}}, "
     "{decision: referral, id: tiredness_gp, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: name with decision: referral an id a rule gives that way:"),
    ("    fatigue: [{decision: none, with: elderly, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: give with: age_0, age_1_3"),
    ("    fatigue: [{decision: none, when: {weight: 3}, why: {nl: a, en: b}, source: {nl: a, en: b}}]",
     "complaints.fatigue: use one of: all, any, not, age"),
])
def test_each_mistake_in_a_decision_is_one_line(tmp_path, entry, expected):
    rules = _rules_copy(tmp_path)
    triage = rules / "triage.yaml"
    triage.write_text(triage.read_text(encoding="utf-8").replace("    fatigue: [*complaint_none]", entry),
                      encoding="utf-8")
    found = _problems(rules)
    assert len(found) == 1 and expected in found[0], found


def test_a_condition_without_its_pairs_is_refused(tmp_path):
    rules = _rules_copy(tmp_path)
    triage = rules / "triage.yaml"
    text = triage.read_text(encoding="utf-8")
    triage.write_text(text.replace("    chronic_stress: [*cause_none, *pregnant_none, *breastfeeding_none, *child_pair, "
                                   "*minor_pair, *old_none]", "    chronic_stress: [*cause_none, *child_pair]"),
                      encoding="utf-8")
    found = _problems(rules)
    assert len(found) == 1 and "conditions.chronic_stress: add a decision with with: pregnant, breastfeeding, " \
                               "age_14_17, age_70_up too" in found[0], found


def test_a_rule_recommending_an_excluded_form_is_refused(tmp_path):
    rules = _rules_copy(tmp_path)
    (rules / "zz-orotate.yaml").write_text(
        "rules:\n  - id: orotate-again\n    title: {nl: a, en: b}\n    when: {conditions: heart_failure}\n"
        "    then: {recommend: {form: orotate}}\n    evidence: {level: very_low, source: {nl: a, en: b}}\n"
        "    source: {nl: a, en: b}\n", encoding="utf-8")
    assert _problems(rules) == ["zz-orotate.yaml:5: rule 'orotate-again': choose another form; orotate is never "
                                "recommended (forms: orotate: excluded says why)"]
