"""Golden scenarios: one file per situation in tests/scenarios/, found by glob.

Each file holds the answers and the whole expected advice (texts left out, so wording can be
edited without touching the scenarios; ids, amounts, roles and sources are pinned). A new case
is a new file; `UPDATE_SCENARIOS=1 pytest tests/test_scenarios.py` writes the expectations,
which must then be read and checked against the article by a person before committing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from engine.answers import validate
from engine.yamlsource import read

CASES = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


def comparable(advice: dict) -> dict:
    """The advice without what legitimately changes: rule base version and warning texts."""
    out = {k: v for k, v in advice.items() if k != "rulebase_version"}
    out["warnings"] = [{"id": w["id"], "level": w["level"], "source": w["source"]} for w in advice["warnings"]]
    return out


def evaluate(adv, path: Path) -> tuple[dict, dict]:
    doc = read(str(path))
    case = doc.data
    doc.data = case["answers"]
    answers = validate(doc, adv.base.catalogue)
    return case, comparable(adv.advise(answers, case.get("lang", "nl")))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scenario(adv, path):
    case, got = evaluate(adv, path)
    if os.environ.get("UPDATE_SCENARIOS"):
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        body = yaml.safe_dump({"answers": case["answers"], "expect": got}, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(header + "\n" + body, encoding="utf-8")
        return
    assert got == case["expect"]


def test_every_rule_has_a_scenario(adv):
    """Sigma-style sweep: a rule that no scenario fires is a rule nobody has checked."""
    fired = set()
    for path in CASES:
        fired |= set(evaluate(adv, path)[1]["fired_rules"])
    missing = sorted(r.id for r in adv.base.rules if r.id not in fired)
    assert not missing, f"rules without a scenario: {missing}"
