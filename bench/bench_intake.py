"""How fast the first question of `magnesium intake` is on screen, against its libraries alone.

The intake cannot be faster than importing the three libraries it needs (questionary, yaml,
durable_rules), so that is the yardstick, measured in the same run on the same machine:
`python -c "import questionary, yaml, durable.engine"`. Both are started in a pseudo-terminal,
the way a client starts the intake; the intake is timed until its first question (the
disclaimer's yes/no, not the welcome text printed before it) is on screen. The median of
several runs of each is printed with the ratio; the target is at most 1.5.

    python bench/bench_intake.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import pexpect

BIN = Path(sys.executable).parent
TARGET = 1.5
FIRST_QUESTION = "wil je beginnen?"
READY = "libraries-imported"
TIMEOUT_S = 30
# A real terminal answers prompt_toolkit's cursor position request at once; a pty under
# pexpect does not, and prompt_toolkit would wait for it.
ENV = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}


def timed(command: str, args: list[str], until: str) -> float:
    """Seconds from spawning `command` in a pty of 80x24 until `until` appears on its output."""
    start = time.perf_counter()
    child = pexpect.spawn(command, args, dimensions=(24, 80), env=ENV, encoding="utf-8", timeout=TIMEOUT_S)
    try:
        child.expect_exact(until)
        return time.perf_counter() - start
    finally:
        child.terminate(force=True)
        child.close()


def first_question() -> float:
    return timed(str(BIN / "magnesium"), ["intake"], FIRST_QUESTION)


def libraries() -> float:
    code = f"import questionary, yaml, durable.engine; print({READY!r})"
    return timed(sys.executable, ["-c", code], READY)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each, after one warm-up (default 9)")
    runs = parser.parse_args().runs
    libraries(), first_question()  # warm the file cache, as on a machine in use
    base, intake = [], []
    for _ in range(runs):  # interleaved, so a busy moment of the machine hits both alike
        base.append(libraries())
        intake.append(first_question())
    base_s, intake_s = statistics.median(base), statistics.median(intake)
    ratio = intake_s / base_s
    print(f"import questionary, yaml, durable.engine: {base_s * 1000:.0f} ms (median of {runs})")
    print(f"magnesium intake, first question on screen: {intake_s * 1000:.0f} ms (median of {runs})")
    print(f"ratio: {ratio:.2f} (target at most {TARGET}: {'met' if ratio <= TARGET else 'missed'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
