"""No rule base crashes or hangs the engine: each case past one of durable_rules' fixed limits runs
in a child process (so a crash is a failed test, not a dead test run) with a time limit (a hang).

The limits themselves are in `engine.direct` (measured by `bench/engine_limits.py`).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import BIN, ROOT

GOOD = {"age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
        "complaints": ["muscle_cramps", "sleep_problems"]}

# Rules copied with new ids: every fire compared with `conditions.holds` in priority, file order.
_SCALED = """
import dataclasses, random, sys
sys.path.insert(0, "tests")
from engine.advise import advisor
from engine.answers import complete
from engine.conditions import holds
from engine.runtime import STAGES, Runtime
adv = advisor()
times = {times}
n = len(adv.base.rules)
rules = [dataclasses.replace(r, id=f"{{r.id}}-{{k}}", order=k * n + r.order) for k in range(times) for r in adv.base.rules]
rt = Runtime(rules)
rng = random.Random(3)
complaints = list(adv.base.catalogue["complaints"])
for i in range({clients}):
    age = rng.randint(0, 100)
    female = rng.random() < 0.5 and 12 <= age <= 55
    fact = adv.fact(complete({{"age": age, "age_months": 0 if age == 0 else None, "sex": "female" if female else "male",
                              "pregnant": female and rng.random() < 0.3, "breastfeeding": False, "kidney": "none",
                              "complaints": rng.sample(complaints, rng.randint(0, 6))}}))
    for stage in (1, 2, 3):
        f = dict(fact, stage=stage, current_over_limit=False, advised=True, blocked=False, likelihood="high",
                 doctor_first=False, amount_given=True)
        want = [r.id for r in sorted((r for r in rules if STAGES[r.stage] == stage and holds(r.condition, f)),
                                     key=lambda r: (r.priority, r.order))]
        assert rt.fire(f) == want, (stage, age)
print("clean", rt.rulesets, len(rules))
"""


def _run(script: str, timeout: int = 300) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                            timeout=timeout, cwd=ROOT)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-800:]}"
    return result.stdout


@pytest.mark.parametrize("times, clients", [(10, 60), (100, 8)])
def test_rule_base_copied_10_and_100_times(times, clients):
    out = _run(_SCALED.format(times=times, clients=clients), timeout=600)
    assert out.startswith("clean")


def _rules_dir(tmp_path, rules: list[dict]):
    """A copy of the shipped rules with one more file of `rules`."""
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    (target / "zz_extra.yaml").write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    return target, answers


def _extra(rule_id: str, when) -> dict:
    return {"id": rule_id, "title": {"nl": rule_id, "en": rule_id}, "when": when,
            "then": {"avoid_forms": ["oxide"]}, "source": {"nl": "test", "en": "test"}}


def _advise(rules_dir, answers, timeout: int = 120):
    return subprocess.run([str(BIN / "magnesium"), "advise", str(answers), "--rules",
                           str(rules_dir), "--format", "json", "--lang", "en"],
                          capture_output=True, text=True, timeout=timeout)


def test_200_extra_rules_that_all_match_one_client(tmp_path):
    """Before: 58 such rules killed the process (error 303, then delete_state: exit 134)."""
    rules_dir, answers = _rules_dir(tmp_path, [_extra(f"all-{i}", {"age": {"gte": -i}}) for i in range(200)])
    result = _advise(rules_dir, answers)
    assert result.returncode == 0, result.stderr[-500:]
    fired = __import__("json").loads(result.stdout)["fired_rules"]
    assert [f for f in fired if f.startswith("all-")] == [f"all-{i}" for i in range(200)]


def test_a_long_in_list_and_many_distinct_conditions_on_one_field(tmp_path):
    """Before: an `in:` of 470 values, or 500 rules on distinct ages, hung the compile."""
    extra = [_extra("long-in", {"age": list(range(0, 2000, 2))})]
    extra += [_extra(f"age-{i}", {"age": i}) for i in range(0, 121)]
    extra += [_extra(f"months-{i}", {"age_in_months": i}) for i in range(0, 1500, 3)]
    rules_dir, answers = _rules_dir(tmp_path, extra)
    result = _advise(rules_dir, answers)
    assert result.returncode == 0, result.stderr[-500:]
    fired = __import__("json").loads(result.stdout)["fired_rules"]
    assert "long-in" in fired and "age-42" in fired and "age-41" not in fired
    assert [f for f in fired if f.startswith("months-")] == ["months-504"]


def test_a_condition_too_big_for_the_engine_is_bad_input_not_a_crash(tmp_path):
    complaints = list(yaml.safe_load((ROOT / "rules" / "catalogue.yaml").read_text(encoding="utf-8"))
                      ["catalogue"]["complaints"])[:8]
    when = {"all": [{"complaints": {"any_of": complaints}}, {"age": list(range(0, 100))},
                    {"age_in_months": list(range(0, 100))}]}
    rules_dir, answers = _rules_dir(tmp_path, [_extra("huge", when)])
    result = _advise(rules_dir, answers)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{rules_dir}: rule 'huge': simplify the condition"), result.stderr


def test_many_sessions_in_which_nothing_of_a_ruleset_matches():
    """Every ruleset's sentinel makes deleting each session's state safe (1,000s of sessions)."""
    out = _run("""
        import sys
        sys.path.insert(0, "tests")
        from hypothesis import given, settings, HealthCheck
        from strategies import answers
        from engine.advise import advisor
        adv = advisor()
        @settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(answers())
        def run(a):
            adv.advise(a, "en")
        run()
        print("clean")
    """, timeout=600)
    assert out.strip() == "clean"


def test_rulesets_split_by_fact_keys_give_the_same_matches():
    """With room for 8 keys per fact, the rules spread over many rulesets: same matches, same order."""
    out = _run("""
        from engine import direct
        direct.KEYS_PER_FACT = 8
        from engine.advise import advisor, Advisor
        from engine.rulebase import load
        from engine.runtime import Runtime
        narrow = Runtime(load().rules)
        adv = advisor()
        assert narrow.rulesets > 15, narrow.rulesets
        assert all(len(r.keys) <= 8 for rs in narrow._rulesets.values() for r in rs)
        fact = adv.fact({"age": 70, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps", "fatigue"],
                         "medications": ["diuretics"], "conditions": []})
        for stage in (1, 2, 3):
            f = dict(fact, stage=stage, current_over_limit=True, advised=True, blocked=False, likelihood="moderate",
                     doctor_first=False, amount_given=True)
            assert narrow.fire(f) == adv._runtime.fire(f)
        print("clean")
    """)
    assert out.strip() == "clean"
