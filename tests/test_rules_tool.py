"""`magnesium rules init | check | test | list`: the practitioner's own rule folder."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, magnesium
from engine.rulebase import load

FILES = sorted((ROOT / "rules").glob("*.yaml"))  # the shipped rule files and their cases
CASES = sorted((ROOT / "rules" / "tests").glob("*.yaml"))
CRAMPS = "then: {recommend: {form: citrate, mg_per_day: [100, 250], amount_basis: elemental}}"


def _init(tmp_path: Path) -> Path:
    folder = tmp_path / "mijn-regels"
    result = magnesium("rules", "init", str(folder), "--lang", "en")
    assert result.returncode == 0 and result.stdout == "", result.stderr
    assert result.stderr.startswith(f"copied {len(FILES)} rule files and {len(CASES)} cases to ")
    return folder


def _edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_init_copies_the_rules_and_cases_and_they_pass(tmp_path):
    folder = _init(tmp_path)
    assert sorted(p.name for p in folder.glob("*.yaml")) == sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    result = magnesium("rules", "test", str(folder), "--lang", "en")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{folder}: {len(CASES)} of {len(CASES)} cases passed\n", "")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = magnesium("rules", "init", str(tmp_path), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"{tmp_path}: rules init: choose an empty or new folder; this folder is not empty "
                             "(nothing is overwritten)\n")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_shipped_rules_check_clean_and_every_rule_has_a_case(tmp_path):
    folder = _init(tmp_path)
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    count = len(load(ROOT / "rules").rules)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "", f"{folder}: rules {count}, cases {len(CASES)}; errors 0, warnings 0\n")


def test_check_warns_about_a_rule_that_no_case_fires(tmp_path):
    folder = _init(tmp_path)
    (folder / "tests" / "sensitive-stomach.yaml").unlink()
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    count = len(load(ROOT / "rules").rules)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{folder}/advice.yaml:{_line(folder / 'advice.yaml', '- id: stomach-gluconate')}: rule 'stomach-gluconate': "
        "warning: add a case in tests/ that fires this rule; no case does now",
        f"{folder}: rules {count}, cases {len(CASES) - 1}; errors 0, warnings 1"]


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_check_warns_about_a_rule_that_can_never_fire(tmp_path):
    folder = _init(tmp_path)
    _edit(folder, "advice.yaml", "when: {complaints: muscle_cramps, pregnant: false, age: {lt: 65}}",
          "when: {complaints: muscle_cramps, pregnant: false, age: {lt: 5, gt: 10}}")
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    assert result.returncode == 0
    assert (f"{folder}/advice.yaml:22: rule 'cramps-citrate': warning: rewrite the condition or remove the rule; "
            "it can never be true") in result.stderr.splitlines()


def test_check_reports_every_error_at_once_with_exit_2(tmp_path):
    folder = _init(tmp_path)
    _edit(folder, "advice.yaml", "when: {complaints: muscle_cramps, pregnant: false, age: {lt: 65}}",
          "when: {complaints: cramps, pregnant: false, age: {lt: 65}}")
    _edit(folder, "advice.yaml", "  - id: cramps-citrate-older", "  - id: avoid-forms")
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{folder}/advice.yaml:25: rule 'cramps-citrate': give complaints: ")
    assert lines[0].endswith("; got 'cramps'; did you mean muscle_cramps?")
    assert lines[1] == (f"{folder}/advice.yaml:36: rule 'avoid-forms': give every rule its own id; "
                        "this id is used already")
    advise = magnesium("advise", str(ROOT / "tests/scenarios/cramps-sleep.yaml"), "--rules", str(folder), "--lang", "en")
    assert advise.returncode == 2 and advise.stderr == result.stderr  # never half-loaded: the same lines


def test_a_failing_case_is_one_line_per_differing_key(tmp_path):
    folder = _init(tmp_path)
    _edit(folder, "advice.yaml", CRAMPS, CRAMPS.replace("[100, 250]", "[100, 200]"))
    result = magnesium("rules", "test", str(folder), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line for line in lines if "/cramps-sleep.yaml:" in line] == [
        f"{folder}/tests/cramps-sleep.yaml:13: recommendations: fix the rules or the case; "
        'expected [{"form": "citrate", "role": "primary", "mg_per_day": [100, 250]}], '
        'got [{"form": "citrate", "role": "primary", "mg_per_day": [100, 200]}]',
        f"{folder}/tests/cramps-sleep.yaml:17: warnings: fix the rules or the case; "
        'expected [{"id": "dutch_intake"}, {"id": "article_amounts"}], '
        'got [{"id": "dutch_intake"}, {"id": "article_amounts"}, {"id": "amount_merged"}]']
    assert lines[-1] == f"{folder}: cases: 4 of {len(CASES)} cases differ (lines above)"


def test_a_broken_case_file_is_bad_input(tmp_path):
    folder = _init(tmp_path)
    (folder / "tests" / "zz.yaml").write_text("answers: {age: 40, sex: male, kidney: none}\nexpekt: {}\n")
    result = magnesium("rules", "test", str(folder), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{folder}/tests/zz.yaml:2: expekt: use one of: answers, expect, lang; 'expekt' is not known",
        f"{folder}/tests/zz.yaml:1: expect: fill in this key (expect); it is missing"]


def test_check_without_cases_says_so(tmp_path):
    folder = _init(tmp_path)
    shutil.rmtree(folder / "tests")
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (f"{folder}/tests: cases: warning: put cases (answers with what you "
                                             f"expect) in {folder}/tests; there are none")


def test_list_shows_id_conclusion_source_and_evidence(tmp_path):
    result = magnesium("rules", "list", "--lang", "en")
    assert result.returncode == 0 and result.stderr == ""
    row = next(line for line in result.stdout.splitlines() if line.startswith("cramps-citrate "))
    assert "recommend citrate 100-250 mg" in row and "article: introduction" in row and row.endswith("very_low")
    folder = _init(tmp_path)
    _edit(folder, "advice.yaml", CRAMPS, CRAMPS.replace("[100, 250]", "[100, 200]"))
    mine = magnesium("rules", "list", "--rules", str(folder), "--lang", "en")
    assert any(line.startswith("cramps-citrate ") and "100-200 mg" in line for line in mine.stdout.splitlines())


def test_list_triage_shows_every_answer_with_its_decisions_at_80_columns(adv, tmp_path):
    result = magnesium("rules", "list", "--triage", "--lang", "en")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Decisions per answer (triage)") and max(map(len, lines)) <= 80
    for kind, items in adv.base.triage.items():
        for item in items:
            assert any(f"({item})" in line for line in lines), item
    at = next(i for i, line in enumerate(lines) if line.startswith("Heart failure (heart_failure)"))
    assert lines[at + 1].startswith("  - doctor first heart_failure: The treating doctor decides")
    assert any("doctor first high_risk_pregnancy, together with pregnant:" in line for line in lines[at:at + 12])
    dutch = magnesium("rules", "list", "--triage", "--lang", "nl").stdout.splitlines()
    assert any(line.startswith("  - eerst de arts heart_failure: De behandelend arts beslist") for line in dutch)
    folder = _init(tmp_path)
    _edit(folder, "triage.yaml", "    tinnitus: [*sign]\n", "")
    broken = magnesium("rules", "list", "--triage", "--rules", str(folder), "--lang", "en")
    assert broken.returncode == 2 and broken.stdout == "" and "symptoms.tinnitus: give this answer a decision" in broken.stderr


def test_lint_finds_contradictions_field_by_field(adv):
    """Interval and value checks per field over the condition's conjunctions (engine/lint.py)."""
    from engine.conditions import parse
    from engine.lint import never_fires
    from engine.model import Rule

    def never(when) -> bool:
        return never_fires(Rule("r", {}, parse(when, adv.base.fields), 1, "answers", {}, {}, 0), adv.base.fields)

    assert never({"age": {"lt": 5, "gt": 10}})
    assert never({"age": {"lt": 0}})
    assert never({"all": [{"sex": "male"}, {"sex": "female"}]})
    assert never({"complaints": "fatigue", "not": {"complaints": "fatigue"}})
    assert never({"pregnant": True, "not": {"pregnant": True}})
    assert never({"age": {"between": [4, 6], "not_in": [4, 5, 6]}})
    assert never({"any": [{"age": {"lt": 5, "gt": 10}}, {"kidney": {"in": ["none"], "ne": "none"}}]})
    assert not never({"any": [{"age": {"lt": 5, "gt": 10}}, {"age": 7}]})
    assert not never({"age": {"between": [4, 6], "not_in": [4, 6]}})
    assert not never("always")
    assert [r.id for r in adv.base.rules if never_fires(r, adv.base.fields)] == []


def test_lint_is_exact_on_whole_numbers():
    """For tests on one number field, 'possible' says yes exactly when some value 0-300 passes."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from engine.conditions import Cmp, Field
    from engine.lint import possible

    fields = {"age": Field("age", "int")}
    ops = {"eq": int.__eq__, "ne": int.__ne__, "lt": int.__lt__, "lte": int.__le__, "gt": int.__gt__, "gte": int.__ge__}
    leaves = st.lists(st.tuples(st.sampled_from(sorted(ops)), st.integers(0, 150)), min_size=1, max_size=5)

    @settings(max_examples=400, deadline=None)
    @given(leaves)
    def check(tests):
        some = any(all(ops[op](age, v) for op, v in tests) for age in range(0, 301))
        assert possible(tuple(Cmp("age", op, v) for op, v in tests), fields) == some

    check()


def test_check_warns_about_two_amounts_without_a_precedence(tmp_path):
    folder = _init(tmp_path)
    _edit(folder, "advice.yaml", "    priority: 60\n    when: {complaints: sleep_problems}\n    then:\n      recommend:\n"
                                 "        form: citrate\n        mg_per_day: [100, 250]",
          "    priority: 60\n    when: {complaints: sleep_problems}\n    then:\n      recommend:\n"
          "        form: citrate\n        mg_per_day: [100, 200]")
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    assert result.returncode == 0
    assert any("rule 'sleep-citrate': warning: give this rule or rule 'cramps-citrate' another priority; both give "
               "another amount of citrate for the same answers" in line for line in result.stderr.splitlines())


def test_check_refuses_an_upper_limit_above_the_references_or_missing(tmp_path):
    folder = _init(tmp_path)
    _edit(folder, "reference.yaml", "intake: {female: 320, male: 420}, upper_limit: {NIH: 350, EFSA: 250}",
          "intake: {female: 320, male: 420}, upper_limit: {NIH: 5000, EFSA: 250}")
    _edit(folder, "reference.yaml", "intake: 130, upper_limit: {NIH: 110, EFSA: 250}",
          "intake: 130, upper_limit: {NIH: null, EFSA: null}")
    result = magnesium("rules", "check", str(folder), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == ["rule 'ref-4-8'", "rule 'ref-31-up'"]
    assert all(line.split(": ", 2)[2].startswith("give upper_limit {NIH: ..., EFSA: ...} a limit NIH or EFSA sets")
               for line in lines)
