"""Cases kept beside the rules (`tests/*.yaml` in the rule folder): answers and what to expect.

A practitioner who edits rules needs to know what the edit does to known clients. A case is
`{answers: ..., expect: ...}` in the format of the project's golden scenarios; only what the
case states is compared (a case may state just `blocked` and the forms with their amounts), so
a case survives edits that do not concern it. The loader of the rule base reads `*.yaml` in the
folder itself only, so the cases never become rules.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import validate
from .errors import BadInput, Problem
from .yamlsource import Document, read

CASES_DIR = "tests"
CASE_KEYS = ("answers", "expect", "lang")


@dataclass
class Case:
    """One case: where it is, the validated answers, what it expects and in which language."""

    file: str
    answers: dict
    expect: dict
    lang: str = "nl"
    lines: dict[str, int | None] = field(default_factory=dict)  # the line of each expected key


@dataclass
class Result:
    """A case run: the keys that differ (key, expected, got) and the rules that fired."""

    case: Case
    differences: list[tuple[str, Any, Any]] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.differences


def case_files(directory: str | Path) -> list[Path]:
    """The case files beside the rules, in name order (none when there is no tests/ folder)."""
    return sorted((Path(directory) / CASES_DIR).glob("*.yaml"))


def load_cases(directory: str | Path, catalogue: dict[str, dict]) -> list[Case]:
    """Every case of the folder, checked; BadInput with every problem of every file at once."""
    cases, problems = [], []
    for path in case_files(directory):
        try:
            cases.append(_case(read(str(path)), catalogue))
        except BadInput as err:
            problems += err.problems
    if problems:
        raise BadInput(problems)
    return cases


def _case(doc: Document, catalogue: dict[str, dict]) -> Case:
    data = doc.data
    if not isinstance(data, dict):
        raise BadInput([doc.problem((), "file", "not_mapping", got=type(data).__name__)])
    found: list[Problem] = [doc.problem((k,), str(k), "unknown_key", allowed=", ".join(CASE_KEYS), got=k)
                            for k in data if k not in CASE_KEYS]
    found += [doc.problem((), k, "required", allowed=k) for k in ("answers", "expect") if k not in data]
    if "expect" in data and not isinstance(data["expect"], dict):
        found.append(doc.problem(("expect",), "expect", "rules_mapping"))
    if data.get("lang", "nl") not in ("nl", "en"):
        found.append(doc.problem(("lang",), "lang", "one_of", allowed="nl, en", got=repr(data["lang"])))
    if found:
        raise BadInput(found)
    lines = {path[1:]: line for path, line in doc.lines.items() if path[:1] == ("answers",)}
    answers = validate(Document(doc.name, data["answers"], lines), catalogue)
    return Case(doc.name, answers, data["expect"], data.get("lang", "nl"),
                {key: doc.line(("expect", key)) for key in data["expect"]})


def project(got: Any, want: Any) -> Any:
    """`got` cut down to what `want` states: the keys of a mapping, item by item in a list."""
    if isinstance(want, dict) and isinstance(got, dict):
        return {k: project(got.get(k), v) for k, v in want.items()}
    if isinstance(want, list) and isinstance(got, list):
        if len(want) == len(got):
            return [project(g, w) for g, w in zip(got, want)]
        if want and isinstance(want[0], dict):  # more or fewer items: each cut like the first
            return [project(g, want[0]) for g in got]
    return got


def differences(expect: dict, advice: dict) -> list[tuple[str, Any, Any]]:
    """Each stated key whose value differs: (key, expected, got as far as the case states it)."""
    found = []
    for key, want in expect.items():
        got = project(advice.get(key), want)
        if got != want:
            found.append((key, want, got))
    return found


def run_cases(advisor: Any, cases: list[Case]) -> list[Result]:
    """Advise every case with this advisor and compare it with what the case expects."""
    results = []
    for case in cases:
        advice = advisor.advise(case.answers, case.lang)
        results.append(Result(case, differences(case.expect, advice), advice["fired_rules"]))
    return results


def compact(value: Any) -> str:
    """A value on one line, as a diff line shows it."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
