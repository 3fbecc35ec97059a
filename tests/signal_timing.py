"""Timed stop signals during the intake, as the fuzzer of issue 21 sent them: a signal (SIGTERM,
SIGHUP, Ctrl-C's SIGINT) 0-80 ms after a keystroke, in a real pseudo-terminal.

Two moments, each tried many times with a random delay:
- `answer`: right after one of the first answers. The intake must end (128 + the signal) and
  the resume file must hold the answers given before that one (that one itself may or may not
  be in it: it depends on whether the signal came first).
- `confirm`: right after "Ja, alles klopt". The intake must end with either the intake stored
  or the resume file left, never neither (lost) and never both (doubled: `--resume` would store
  it twice).

A try that is still running 5 s after its signal was swallowed (`hung`); it is killed. Used by
tests/test_intake_signals.py at a modest count and by bench/bench_signals.py at the full count.
"""
from __future__ import annotations

import random
import signal
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import yaml

from test_intake_pty import Client, confirm_keys, dutch_profile, dutch_rest, first_answers, start, waiting_files

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
MAX_DELAY_S = 0.080
ENDS_WITHIN_S = 5


@dataclass
class Tally:
    """What the tries of one moment came to."""

    moment: str
    tries: int = 0
    lost: int = 0  # nothing stored and no resume file (or a resume file without the earlier answers)
    doubled: int = 0  # stored and a resume file left
    hung: int = 0  # the signal was swallowed: still running 5 s later
    wrong_code: int = 0  # ended, but not with 128 + the signal
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.lost + self.doubled + self.hung + self.wrong_code

    def line(self) -> str:
        return (f"{self.moment}: {self.tries} tries, {self.lost} lost, {self.doubled} doubled, {self.hung} hung, "
                f"{self.wrong_code} wrong exit code")


def _ended(client: Client) -> int | None:
    """The exit code within ENDS_WITHIN_S (a signal's death counts as 128 + it), or None: killed."""
    try:
        client.child.expect(pexpect.EOF, timeout=ENDS_WITHIN_S)
    except pexpect.TIMEOUT:
        client.child.kill(signal.SIGKILL)
        client.child.close(force=True)
        return None
    client.child.close()
    status = client.child.exitstatus
    return status if status is not None else 128 + client.child.signalstatus


def _stored(folder: Path) -> int:
    store = folder / "store.sqlite3"
    if not store.exists():
        return 0
    con = sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT COUNT(*) FROM intake").fetchone()[0]
    except sqlite3.OperationalError:  # created, no table yet
        return 0
    finally:
        con.close()


def _waiting_answers(folder: Path) -> list[dict]:
    return [(yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("answers", {}) for p in waiting_files(folder)]


def _ending(client: Client, signum: int, what: str, allowed: tuple[int, ...], tally: Tally) -> int | None:
    """Count the try and how it ended: None when it hung (the signal swallowed)."""
    tally.tries += 1
    code = _ended(client)
    if code is None:
        tally.hung += 1
        tally.notes.append(f"hung: {what}")
    elif code not in allowed:
        tally.wrong_code += 1
        tally.notes.append(f"exit {code}: {what}")
    return code


def try_answer(folder: Path, rng: random.Random, tally: Tally) -> None:
    """Give k of the first answers (k random), the signal 0-80 ms after the last keystroke; the
    answers before the last one must wait in a resume file."""
    signum, delay = rng.choice(SIGNALS), rng.uniform(0, MAX_DELAY_S)
    steps = first_answers()[:rng.randrange(2, len(first_answers()) + 1)]
    client = start(folder)
    for question, keys, _ in steps:
        client.answer(question, *keys)
    time.sleep(delay)
    client.child.kill(signum)
    what = f"{signal.Signals(signum).name} {delay * 1000:.0f} ms after answer {len(steps)}"
    if _ending(client, signum, what, (128 + signum,), tally) is None:
        return
    before = {key: value for _, _, (key, value) in steps[:-1]}
    if not any(all(answers.get(k) == v for k, v in before.items()) for answers in _waiting_answers(folder)):
        tally.lost += 1
        tally.notes.append(f"lost: {what}")


def try_confirm(folder: Path, rng: random.Random, tally: Tally) -> None:
    """The whole intake, the signal 0-80 ms after "Ja, alles klopt": stored or waiting, not both."""
    signum, delay = rng.choice(SIGNALS), rng.uniform(0, MAX_DELAY_S)
    client = start(folder)
    dutch_profile(client)
    dutch_rest(client)
    client.answer("Klopt alles", *confirm_keys())
    time.sleep(delay)
    client.child.kill(signum)
    what = f"{signal.Signals(signum).name} {delay * 1000:.0f} ms after the confirmation"
    code = _ending(client, signum, what, (0, 128 + signum), tally)
    if code is None:
        return
    stored, waiting = _stored(folder), len(waiting_files(folder))
    if stored == 0 and waiting == 0:
        tally.lost += 1
        tally.notes.append(f"lost: {what} (exit {code})")
    elif stored and waiting:
        tally.doubled += 1
        tally.notes.append(f"doubled: {what} (exit {code})")


def run(moment: str, tries: int, seed: int = 21) -> Tally:
    """`tries` timed tries of one moment ('answer' or 'confirm'), each in a fresh folder."""
    rng, tally = random.Random(seed), Tally(moment)
    once = {"answer": try_answer, "confirm": try_confirm}[moment]
    for _ in range(tries):
        with tempfile.TemporaryDirectory(prefix="magnesium-signals-") as folder:
            once(Path(folder), rng, tally)
    return tally

