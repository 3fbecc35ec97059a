"""`magnesium rules check` and `magnesium rules test`: a rule folder's errors, warnings and cases.

Check reports everything at once: the loader's errors (with "did you mean"), broken case files,
and the warnings (a rule that can never fire, a rule no case fires). Errors exit 2; warnings
alone exit 0, so a practitioner may keep a rule that is still waiting for its case.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import BadInput, Problem

from .rules_texts import RULES_TEXTS, RulesProblem

if TYPE_CHECKING:
    from engine.cases import Case, Result
    from engine.model import RuleBase


def _load(folder: str) -> tuple[RuleBase, list[Case]]:
    """The rule base and its cases; BadInput with every error of both (none half-loaded)."""
    from engine.cases import load_cases
    from engine.rulebase import load

    base = load(folder)
    return base, load_cases(folder, base.catalogue)


def warnings(folder: str, base: RuleBase, results: list[Result]) -> list[Problem]:
    """The warnings of a rule base that loads: rules that never fire, rules no case fires."""
    from engine.cases import CASES_DIR
    from engine.lint import unordered_amounts, unsatisfiable

    found: list[Problem] = [RulesProblem.at(r.file, r.line, f"rule '{r.id}'", "never_fires") for r in unsatisfiable(base)]
    found += [RulesProblem.at(b.file, b.line, f"rule '{b.id}'", "unordered_amounts", other=a.id, form=a.then["recommend"]["form"])
              for a, b in unordered_amounts(base)]
    if not results:
        found.append(RulesProblem.about(str(Path(folder) / CASES_DIR), "cases", "no_cases",
                                        folder=str(Path(folder) / CASES_DIR)))
        return found
    fired = {rule for result in results for rule in result.fired}
    found += [RulesProblem.at(r.file, r.line, f"rule '{r.id}'", "no_case") for r in base.rules if r.id not in fired]
    return found


def check(folder: str, lang: str) -> int:
    """Errors (BadInput: exit 2) or warnings and a count (exit 0)."""
    from engine.advise import Advisor
    from engine.cases import run_cases

    base, cases = _load(folder)  # errors: BadInput, one line each, exit 2
    results = run_cases(Advisor(base), cases)
    found = warnings(folder, base, results)
    for line in found:
        sys.stderr.write(line.render(lang) + "\n")
    _summary(folder, lang, rules=len(base.rules), cases=len(cases), errors=0, warnings=len(found))
    return 0


def _summary(folder: str, lang: str, **counts: object) -> None:
    sys.stderr.write(RULES_TEXTS.say("check_done", lang, folder=folder, **counts) + "\n")


def test(folder: str, lang: str) -> int:
    """Run the cases; each differing key of a failing case is one line (file:line: key: ...)."""
    from engine.advise import Advisor
    from engine.cases import compact, run_cases

    base, cases = _load(folder)
    results = run_cases(Advisor(base), cases)
    failed = [r for r in results if not r.passed]
    if failed:
        lines = [RulesProblem.at(r.case.file, r.case.lines.get(key), key, "case_differs",
                                 expected=compact(want), got=compact(got))
                 for r in failed for key, want, got in r.differences]
        lines.append(RulesProblem.about(folder, "cases", "cases_failed", failed=len(failed), cases=len(results)))
        raise BadInput(lines)
    sys.stdout.write(RULES_TEXTS.say("test_done", lang, folder=folder, passed=len(results), cases=len(results)) + "\n")
    return 0
