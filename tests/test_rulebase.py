"""The rule base loader: every rule sweeps clean, and every class of mistake is one clear line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from engine.errors import BadInput
from engine.rulebase import load


def test_shipped_rule_base_is_complete(adv):
    base = adv.base
    ids = [r.id for r in base.rules]
    assert len(ids) == len(set(ids))
    assert set(base.forms) == set(base.catalogue["forms"]) and len(base.forms) == 14
    for rule in base.rules:
        assert rule.source["nl"].strip() and rule.source["en"].strip()
        assert rule.title["nl"].strip() and rule.title["en"].strip()
        assert rule.priority >= 0
        assert ("recommend" in rule.then) == (rule.evidence is not None)


def test_contract_warning_ids_are_all_produced(adv):
    """Each fixed warning id of the contract has a rule (or a block) that gives it."""
    produced = {r.then["warning"]["id"] for r in adv.base.rules if "warning" in r.then}
    produced |= {r.then["block"]["reason"] for r in adv.base.rules if "block" in r.then}
    assert produced >= {"antibiotics", "acid_inhibitors", "diuretics", "potassium_sparing_diuretics",
                        "bisphosphonates", "magnesium_antacids_laxatives", "excess_symptoms",
                        "soy_hormone_cancer", "palpitations", "orotate_safety", "kidney_problems",
                        "kidney_unknown", "infant", "contraindication", "current_above_limit", "stop_current",
                        "mobility_referral", "headache_over_50", "symptom_referral", "check_label",
                        "antacid_magnesium",
                        *adv.base.catalogue["doctor_first_reasons"]}


def test_every_doctor_first_reason_has_a_rule(adv):
    given = {r.then["doctor_first"] for r in adv.base.rules if "doctor_first" in r.then}
    assert given == set(adv.base.catalogue["doctor_first_reasons"]) == {
        "child", "palpitations", "kidney_check_needed", "minor_referral", "potassium_sparing_diuretics",
        "magnesium_antacids_laxatives", "bisphosphonate_heartburn", "memory_referral", "pregnancy_abdominal_pain",
        "heart_failure", "measured_deficiency", "pregnancy_medicine", "high_risk_pregnancy", "side_effects",
            "diuretics", "cancer", "seizures",
            "acid_inhibitor_low_salts"}


def test_version_is_a_hash_of_the_files(tmp_path, adv):
    rules = _copy(tmp_path)
    assert load(rules).version == adv.base.version
    (rules / "foods.yaml").write_text((rules / "foods.yaml").read_text() + "\n# edited\n")
    assert load(rules).version != adv.base.version


def _copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    return rules


def _problems(tmp_path: Path, extra: str, name: str = "zz-extra.yaml") -> list[str]:
    rules = _copy(tmp_path)
    (rules / name).write_text(extra, encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load(rules)
    return [p.render("en").replace(str(rules) + "/", "") for p in err.value.problems]


RULE = """rules:
  - id: test-rule
    title: {nl: Test, en: Test}
    when: %s
    then: %s
    source: {nl: "artikel: deel 5", en: "article: 5"}
"""
EVIDENCE = '    evidence: {level: low, source: {nl: "een bron", en: "a source"}}\n'

MISTAKES = [
    (RULE % ("{complaints: cramps}", "{likelihood: low}"),
     "zz-extra.yaml:4: rule 'test-rule': give complaints: muscle_cramps, sleep_problems"),
    (RULE % ("{weight: {gt: 80}}", "{likelihood: low}"),
     "zz-extra.yaml:4: rule 'test-rule': use one of: all, any, not, age,"),
    (RULE % ("{age: {above: 80}}", "{likelihood: low}"),
     "zz-extra.yaml:4: rule 'test-rule': use one of these with age: eq, ne, lt, lte, gt, gte, in, not_in, between"),
    (RULE % ("{age: '80'}", "{likelihood: low}"),
     "zz-extra.yaml:4: rule 'test-rule': give age: a whole number; got '80'"),
    (RULE % ("{advised: true}", "{likelihood: low}"),
     "zz-extra.yaml:4: rule 'test-rule': use one of: all, any, not, age,"),
    (RULE % ("{age: 40}", "{likelihood: certain}"),
     "zz-extra.yaml:5: rule 'test-rule': choose one of: low, moderate, high; got 'certain'"),
    (RULE % ("{age: 40}", "{recommend: {form: chloride_spray, mg_per_day: 100}}"),
     "zz-extra.yaml:5: rule 'test-rule': leave mg_per_day out for chloride_spray; a spray or bath gets no amount"),
    (RULE % ("{age: 40}", "{recommend: {form: citrat}}"),
     "zz-extra.yaml:5: rule 'test-rule': give form: citrate, chloride"),
    (RULE % ("{age: 40}", "{warning: {id: x, level: loud, text: {nl: a, en: b}}}"),
     "zz-extra.yaml:5: rule 'test-rule': choose one of: info, warning, critical; got 'loud'"),
    (RULE % ("{age: 40}", "{block: {reason: tired, text: {nl: a, en: b}}}"),
     "zz-extra.yaml:5: rule 'test-rule': give reason: kidney_problems, kidney_unknown"),
    (RULE % ("{age: 40}", "{run: os.system}"),
     "zz-extra.yaml:5: rule 'test-rule': use one of: adjust, avoid_forms,"),
    (RULE.replace('    source: {nl: "artikel: deel 5", en: "article: 5"}\n', "") % ("{age: 40}", "{likelihood: low}"),
     "zz-extra.yaml:2: rule 'test-rule': fill in this key (source); it is missing"),
    (RULE.replace("{nl: Test, en: Test}", "{nl: Test}") % ("{age: 40}", "{likelihood: low}"),
     "zz-extra.yaml:3: rule 'test-rule': give the text in Dutch and English: {nl: ..., en: ...}"),
    (RULE.replace("test-rule", "cramps-citrate") % ("{age: 40}", "{likelihood: low}"),
     "zz-extra.yaml:2: rule 'cramps-citrate': give every rule its own id; this id is used already"),
    (RULE.replace("    then:", "    priority: -1\n    then:") % ("{age: 40}", "{likelihood: low}"),
     "zz-extra.yaml:5: rule 'test-rule': give a whole number from 0 to 1000; got -1"),
    (RULE.replace("    then:", "    code: print(1)\n    then:") % ("{age: 40}", "{likelihood: low}"),
     "zz-extra.yaml:5: rule 'test-rule': use one of: evidence, id, priority, source, stage, then, title, when; 'code' is not known"),
    (RULE.replace("    then:", "    stage: outcome\n    then:") % ("{advised: true}", "{block: {reason: infant, text: {nl: a, en: b}}}"),
     "zz-extra.yaml:6: rule 'test-rule': with stage: outcome use only avoid_forms, cofactors, foods, remove_foods, warning; 'block'"),
    (RULE.replace("    then:", "    stage: limits\n    then:") % ("{current_over_limit: true}", "{recommend: {form: citrate}}"),
     "zz-extra.yaml:6: rule 'test-rule': with stage: limits use only block, doctor_first, warning; 'recommend'"),
    (RULE % ("{current_over_limit: true}", "{likelihood: low}"),
     "zz-extra.yaml:4: rule 'test-rule': use one of: all, any, not, age,"),
    (RULE % ("{age: 40}", "{recommend: {form: citrate, mg_per_day: 100}}"),
     "zz-extra.yaml:2: rule 'test-rule': give evidence: {level: high, moderate, low, very_low, not_studied, no_benefit"),
    (RULE.replace("    then:", EVIDENCE + "    then:") % ("{age: 40}", "{likelihood: low}"),
     "zz-extra.yaml:5: rule 'test-rule': give evidence: {level:"),
    (RULE % ("{age: 40}", "{doctor_first: child}"),
     "zz-extra.yaml:5: rule 'test-rule': add a warning with id child too; every reason to see the doctor first"),
    (RULE % ("{age: 40}", "{doctor_first: tired, warning: {id: tired, level: info, text: {nl: a, en: b}}}"),
     "zz-extra.yaml:5: rule 'test-rule': give doctor_first: child, palpitations"),
    (RULE % ("{age: 40}", "{swap_form: {from: citrate, to: chloride_spray}}"),
     "zz-extra.yaml:5: rule 'test-rule': give to: citrate, chloride, gluconate"),
    (RULE % ("{age: 40}", "{reference: {intake: 300, upper_limit: 350}}"),
     "zz-extra.yaml:5: rule 'test-rule': give upper_limit: {NIH: ..., EFSA: ...}"),
    ("texts:\n  disclaimer: {nl: a, en: b}\n", "zz-extra.yaml:2: disclaimer: give each key once; 'disclaimer' is given twice"),
    ("rules: !!python/object/apply:os.system [echo hacked]\n",
     "zz-extra.yaml:1: file: use plain values only; tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    ("rulez: []\n", "zz-extra.yaml:1: rulez: use one of: settings, catalogue, forms, texts, scores, rules, triage; 'rulez' is not known"),
]


@pytest.mark.parametrize("text,expected", MISTAKES, ids=[str(i) for i in range(len(MISTAKES))])
def test_rule_file_mistakes(tmp_path, text, expected):
    problems = _problems(tmp_path, text)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_setting_outside_its_choices_is_reported(tmp_path):
    problems = _problems(tmp_path, "settings:\n  upper_limit_policy: WHO\n", "settings.yaml")
    assert problems == ["settings.yaml:2: upper_limit_policy: choose one of strictest, NIH, EFSA for "
                        "upper_limit_policy; got 'WHO'"]


@pytest.mark.parametrize("policy,limit,body", [("strictest", 250, "EFSA"), ("NIH", 350, "NIH"), ("EFSA", 250, "EFSA")])
def test_the_upper_limit_policy_is_a_setting(tmp_path, policy, limit, body):
    from engine.advise import Advisor
    from engine.answers import complete

    rules = _copy(tmp_path)
    (rules / "settings.yaml").write_text(f"settings:\n  upper_limit_policy: {policy}\n", encoding="utf-8")
    adv = Advisor(load(rules))
    adult = adv.advise(complete({"age": 40, "sex": "male", "kidney": "none"}))
    toddler = adv.advise(complete({"age": 2, "sex": "male", "kidney": "none"}))
    assert (adult["upper_limit_supplement_mg"], adult["upper_limit_source"]) == (limit, body)
    assert (toddler["upper_limit_supplement_mg"], toddler["upper_limit_source"]) == (65, "NIH")


def test_missing_text_is_reported(tmp_path):
    rules = _copy(tmp_path)
    text = (rules / "texts.yaml").read_text(encoding="utf-8")
    (rules / "texts.yaml").write_text(text.replace("  amount_capped:", "  amount_limited:"), encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load(rules)
    assert [p.render("en").split(": ", 1)[1] for p in err.value.problems] == [
        "text 'amount_capped': add this text under texts:, in nl and en; the program uses it"]


def test_empty_rule_directory(tmp_path):
    with pytest.raises(BadInput) as err:
        load(tmp_path)
    assert err.value.problems[0].render("en").endswith("put the rule files (*.yaml) in this folder; there are none")


def test_a_rule_base_with_two_reference_values_is_bad_input(tmp_path):
    """An edited rule base that gives a profile two reference values: exit 2, not a crash."""
    from conftest import magnesium

    extra = RULE % ("{age: {gte: 31}}", "{reference: {intake: 300, upper_limit: {NIH: 350, EFSA: 250}}}")
    rules = _copy(tmp_path)
    (rules / "zz-extra.yaml").write_text(extra, encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("age: 40\nsex: male\nkidney: none\n", encoding="utf-8")
    result = magnesium("advise", str(answers), "--rules", str(rules), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"{rules}: reference: make exactly one reference rule fit age 40, sex female; "
                             "now 2 fit (ref-31-up, test-rule)\n")


def test_an_edit_that_breaks_a_safety_promise_gives_no_advice(tmp_path):
    """Without the kidney block the folder is refused before any client, naming the test client."""
    from conftest import magnesium

    rules = _copy(tmp_path)
    text = (rules / "safety.yaml").read_text(encoding="utf-8")
    (rules / "safety.yaml").write_text(text.replace("when: {kidney: problems}", "when: {kidney: none, age: 200}"),
                                       encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("age: 40\nsex: male\nkidney: problems\ncomplaints: [fatigue]\n", encoding="utf-8")
    result = magnesium("advise", str(answers), "--rules", str(rules), "--lang", "en", "--format", "json")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"{rules}: safety: restore the safety rule that keeps the promise "
                             "'kidney_problems_block'; the rule files break it for the test client: aged 40, Female, "
                             "Kidney problems\n")


@pytest.mark.parametrize("limit", ["null", "5000", ".inf"])
def test_an_edited_limit_never_lifts_the_safety_net(tmp_path, limit):
    """A reference limit edited to null, 5000 or infinity plus a 2000 mg rule: the folder is
    refused before any advice, not 2000 mg."""
    from engine.advise import Advisor

    rules = _copy(tmp_path)
    text = (rules / "reference.yaml").read_text(encoding="utf-8")
    text = text.replace("intake: {female: 320, male: 420}, upper_limit: {NIH: 350, EFSA: 250}",
                        f"intake: {{female: 320, male: 420}}, upper_limit: {{NIH: {limit}, EFSA: {limit}}}")
    (rules / "reference.yaml").write_text(text, encoding="utf-8")
    extra = RULE.replace("    then:", EVIDENCE + "    then:") % (
        "{age: {gte: 31}}", "{recommend: {form: citrate, mg_per_day: 2000}}")
    (rules / "zz-extra.yaml").write_text(extra, encoding="utf-8")
    with pytest.raises(BadInput) as refused:
        Advisor(load(rules))
    said = refused.value.problems[0].render("en")
    if limit == ".inf":  # the loader refuses what is no number (.inf stays text)
        assert "give a number above 0 and at most 5000" in said
    else:
        assert "rule 'ref-31-up': give upper_limit {NIH: ..., EFSA: ...} a limit NIH or EFSA sets" in said


def test_every_answer_key_and_fixed_choice_has_words(tmp_path):
    """The words of an answer key exist once (catalogue answer_keys): a missing one is reported."""
    rules = _copy(tmp_path)
    text = (rules / "catalogue.yaml").read_text(encoding="utf-8")
    text = text.replace("    kidney_checked: {nl: Nierfunctie gemeten in het afgelopen jaar, "
                        "en: Kidney function measured in the past year}\n", "")
    text = text.replace("    compound: {nl:", "    salt: {nl:")
    (rules / "catalogue.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load(rules)
    lines = [p.render("en").replace(str(rules) + "/", "") for p in err.value.problems]
    assert lines == [
        "catalogue.yaml: answer_keys.kidney_checked: give this id its words under catalogue:, in nl and en; "
        "the contract uses it",
        "catalogue.yaml: amount_basis.compound: give this id its words under catalogue:, in nl and en; "
        "the contract uses it"]


@pytest.mark.parametrize("then,expected", [
    ("{recommend: {form: citrate, mg_per_day: 25000}}", "give a number above 0 and at most 5000"),
    ("{recommend: {form: citrate, duration_days: 1000000000}}", "give a whole number from 1 to 3650"),
])
def test_values_beyond_what_the_program_handles_are_refused(tmp_path, then, expected):
    text = RULE.replace("    then:", EVIDENCE + "    then:") % ("{age: 40}", then)
    assert any(expected in p for p in _problems(tmp_path, text)), _problems(tmp_path, text)


def test_a_folder_or_a_dangling_link_named_yaml_is_one_line(tmp_path):
    rules = _copy(tmp_path)
    (rules / "x.yaml").mkdir()
    with pytest.raises(BadInput) as err:
        load(rules)
    assert "x.yaml: file: give a readable file" in err.value.problems[0].render("en")
    (rules / "x.yaml").rmdir()
    (rules / "y.yaml").symlink_to(tmp_path / "missing")
    with pytest.raises(BadInput) as err:
        load(rules)
    assert "y.yaml: file: give a readable file" in err.value.problems[0].render("en")


# A class of broken rule set each, with the exact lines (English and Dutch): a misspelt name is
# told the nearest known one, in every command that loads rules (they all use the loader).
NEAR = [
    (RULE % ("{complaints: cramps}", "{likelihood: low}"), "en",
     "zz-extra.yaml:4: rule 'test-rule': give complaints: {complaints}; got 'cramps'; did you mean muscle_cramps?"),
    (RULE % ("{complaints: cramps}", "{likelihood: low}"), "nl",
     "zz-extra.yaml:4: rule 'test-rule': geef bij complaints: {complaints}; gekregen: 'cramps'; bedoel je muscle_cramps?"),
    (RULE % ("{complaint: muscle_cramps}", "{likelihood: low}"), "en",
     "zz-extra.yaml:4: rule 'test-rule': use one of: all, any, not, {fields}; 'complaint' is not known; "
     "did you mean complaints?"),
    (RULE.replace("    then:", EVIDENCE + "    then:") % ("{age: 40}", "{recommend: {form: citrat}}"), "en",
     "zz-extra.yaml:6: rule 'test-rule': give form: {forms}; got 'citrat'; did you mean citrate?"),
    (RULE.replace("    then:", "    priorty: 5\n    then:") % ("{age: 40}", "{likelihood: low}"), "en",
     "zz-extra.yaml:5: rule 'test-rule': use one of: evidence, id, priority, source, stage, then, title, when; "
     "'priorty' is not known; did you mean priority?"),
    ("rulez: []\n", "en",
     "zz-extra.yaml:1: rulez: use one of: settings, catalogue, forms, texts, scores, rules, triage; 'rulez' is not known; "
     "did you mean rules?"),
]


@pytest.mark.parametrize("text,lang,expected", NEAR, ids=[str(i) for i in range(len(NEAR))])
def test_a_misspelt_name_gets_the_nearest_known_one(tmp_path, adv, text, lang, expected):
    rules = _copy(tmp_path)
    (rules / "zz-extra.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load(rules)
    lines = [p.render(lang).replace(str(rules) + "/", "") for p in err.value.problems]
    fields = ", ".join(n for n, f in adv.base.fields.items() if f.stage == "answers")
    assert lines == [expected.format(complaints=", ".join(adv.base.catalogue["complaints"]), fields=fields,
                                     forms=", ".join(adv.base.catalogue["forms"]))]


def test_a_name_far_from_every_known_one_gets_no_guess(tmp_path):
    assert _problems(tmp_path, RULE % ("{weight: {gt: 80}}", "{likelihood: low}"))[0].endswith(
        "'weight' is not known")


def test_the_loader_ignores_the_cases_folder(tmp_path, adv):
    rules = _copy(tmp_path)
    (rules / "tests" / "broken.yaml").write_text("rules: [this is no rule]\n", encoding="utf-8")
    assert load(rules).version == adv.base.version
