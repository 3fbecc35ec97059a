"""Fuzzing `magnesium advise` (issue 11): whatever the answers file holds, the command ends in
exit 0 (advice) or exit 2 (one line a problem), never a traceback (exit 1) and never a hang.

Runs in-process through questionnaire.cli.main (fast: the rule base is compiled once), over
three kinds of input: random bytes, random YAML/JSON documents, and answers close to valid ones
(the contract's keys with valid ids, junk and wrong types mixed in), which reach the engine.
Bounded: a fixed number of examples (MAGNESIUM_FUZZ_EXAMPLES, default 300), each under an
alarm. `-s` prints the counts.
"""
from __future__ import annotations

import io
import json
import os
import signal
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.answers import KEYS
from questionnaire.cli import main

EXAMPLES = int(os.environ.get("MAGNESIUM_FUZZ_EXAMPLES", "300"))  # more for a longer hunt, by hand
SECONDS = 10  # per example; one takes milliseconds
IDS = ["muscle_cramps", "sleep_problems", "fatigue", "migraine", "antibiotics", "diuretics", "citrate",
       "glycinate", "oxide", "unknown", "none", "problems", "female", "male", "other", "elemental", "compound",
       "thirst", "pms", "eyelid_twitching"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 6000), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(IDS), st.sampled_from(["42", "yes", "0x2A", "1:05", "~"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=12)
VALID = {  # answers the contract accepts, every one of them: the starting point of a mutation
    "client": st.text(max_size=20), "age": st.integers(1, 120), "sex": st.sampled_from(["female", "male", "other"]),
    "pregnant": st.booleans(), "breastfeeding": st.just(False), "kidney": st.sampled_from(["none", "problems", "unknown"]),
    "complaints": st.lists(st.sampled_from(["muscle_cramps", "sleep_problems", "fatigue", "migraine"]), unique=True),
    "medications": st.lists(st.sampled_from(["antibiotics", "diuretics"]), unique=True),
    "current_magnesium": st.one_of(st.none(), st.fixed_dictionaries(
        {"form": st.sampled_from(["citrate", "glycinate", "oxide", "unknown"]),
         "mg_per_day": st.one_of(st.none(), st.integers(0, 5000)),
         "amount_basis": st.sampled_from(["elemental", "compound"])})),
}


@st.composite
def near_valid(draw: st.DrawFn) -> dict:
    """Valid answers (pregnancy only where it may be asked), then zero to two keys spoiled."""
    answers = {key: draw(strategy) for key, strategy in VALID.items()}
    if answers["sex"] == "male" or not 12 <= answers["age"] <= 55:
        answers["pregnant"] = False
    for _ in range(draw(st.integers(0, 2))):
        key = draw(st.sampled_from([*KEYS, "weight", "Age"]))
        answers[key] = draw(values)
    return answers


def as_text(data: object, kind: str) -> bytes:
    if kind == "json":
        return json.dumps(data).encode("utf-8")  # ASCII escapes, surrogate pairs included
    return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")


files = st.one_of(
    st.binary(max_size=400),
    st.builds(as_text, values, st.sampled_from(["json", "yaml"])),
    st.builds(as_text, near_valid(), st.sampled_from(["json", "yaml"])),
    st.builds(as_text, near_valid(), st.sampled_from(["json", "yaml"])),
)


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def run_advise(path: str, options: list[str]) -> tuple[int | str, str]:
    """The exit code of `magnesium advise` (or 'traceback', 'hang') and its standard error."""
    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code: int | str = main(["advise", path, *options])
    except Hang:
        code = "hang"
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else "traceback"
    except BaseException:  # noqa: BLE001 - anything escaping main is what this test looks for
        code = "traceback"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return (("traceback" if code == 1 else code), err.getvalue())


def test_advise_never_ends_in_a_traceback_or_a_hang(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("MAGNESIUM_DEBUG", raising=False)
    counts: Counter = Counter()
    failures: list = []
    path = tmp_path / "answers.yaml"

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(content=files, fmt=st.sampled_from(["text", "markdown", "json"]), lang=st.sampled_from(["nl", "en"]))
    def one(content: bytes, fmt: str, lang: str) -> None:
        path.write_bytes(content)
        code, err = run_advise(str(path), ["--format", fmt, "--lang", lang])
        counts["tried"] += 1
        counts[f"exit {code}" if isinstance(code, int) else code] += 1
        if code not in (0, 2) or (code == 2 and ("Traceback" in err or not err)):
            failures.append((content[:200], code, err[-300:]))

    one()
    with capsys.disabled():
        print(f"\nfuzz advise: {dict(counts)}")
    assert not failures, failures[:3]
    assert counts["exit 0"] > 0 and counts["exit 2"] > 0  # both roads were taken
