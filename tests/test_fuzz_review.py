"""Fuzzing `magnesium review N` over damaged stored intakes (issue 11): whatever the answers and
advice columns hold, showing and exporting end in exit 0 or 2, never in a traceback (exit 1)."""
from __future__ import annotations

import io
import json
import sqlite3
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from questionnaire.cli import main

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps"]}
leaves = st.one_of(st.none(), st.booleans(), st.integers(-5, 5000), st.text(max_size=8),
                   st.sampled_from(["citrate", "warning", "critical", "primary", "EFSA"]))
values = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)


@st.composite
def damaged(draw: st.DrawFn, good: dict) -> str:
    """The good stored JSON with one to three values replaced or removed, or junk text."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=20))
    data = json.loads(json.dumps(good))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(data)))
        if draw(st.booleans()):
            data[key] = draw(values)
        else:
            data.pop(key)
        if not data:
            break
    return json.dumps(data)


def run(*args: str) -> int:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return main(list(args))


def test_review_of_a_damaged_intake_is_never_a_traceback(tmp_path, monkeypatch, capsys):
    db = tmp_path / "s.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(db))
    monkeypatch.delenv("MAGNESIUM_DEBUG", raising=False)
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(JANSEN), encoding="utf-8")
    assert run("advise", str(answers), "--save") == 0
    with sqlite3.connect(db) as con:
        good = {c: json.loads(v) for c, v in zip(("answers", "advice"),
                                                  con.execute("SELECT answers, advice FROM intake").fetchone())}
    counts: Counter = Counter()

    @settings(max_examples=150, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(column=st.sampled_from(["answers", "advice"]), data=st.data(),
           extra=st.sampled_from([[], ["--export", str(tmp_path / "x.html")], ["--export", str(tmp_path / "x.md")]]))
    def one(column: str, data: st.DataObject, extra: list[str]) -> None:
        with sqlite3.connect(db) as con:
            con.execute("UPDATE intake SET answers = ?, advice = ?", (json.dumps(good["answers"]),
                                                                     json.dumps(good["advice"])))
            con.execute(f"UPDATE intake SET {column} = ?", (data.draw(damaged(good[column])),))
        code = run("review", "1", *extra)
        counts[f"exit {code}"] += 1
        assert code in (0, 2)
        assert run("review") == 0

    one()
    with capsys.disabled():
        print(f"\nfuzz review: {dict(counts)}")
