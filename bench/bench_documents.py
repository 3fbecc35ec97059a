"""Benchmark of the documents: `magnesium handout` and `magnesium letter` as a practitioner runs
them (one whole command each, its own process), as HTML and as PDF, with the PDF's pages.
Run: `make bench` (or this file with --short: one round, for CI; nothing is asserted).

Each run is a new process: the Python start, the rule base read from its cache, the store, the
document built and written; the PDF adds WeasyPrint's import and layout. The median of ROUNDS
runs is shown. Numbers go in docs/handout-and-letter.md, not in timed tests.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "magnesium"
ROUNDS = 5
ANSWERS = ("client: Mevr. A. de Boer\nage: 82\nsex: female\nkidney: none\nkidney_checked: false\n"
           "complaints: [heartburn, muscle_cramps]\nconditions: [coeliac_disease]\n"
           "current_magnesium: {form: glycinate, mg_per_day: 250, amount_basis: elemental}\n")
PLAN = ("items:\n  - form: glycinate\n    mg_per_day: 150\n    product_mg_per_unit: 75\n    unit: tablet\n"
        "    change_reason: doctor_advice\n"
        "doctor_answer:\n  doctor: dr. K. Bakker\n  date: {today}\n  outcome: agreed\n  form: glycinate\n"
        "  mg_per_day: 150\nclient_note: Neem de tabletten bij het avondeten.\n")
PRACTICE = "name: Praktijk De Linde\nphone: 012-3456789\npractitioner: J. de Vries, therapeut\n"


def run(*args: str, env: dict) -> tuple[float, str]:
    """One command's wall time in seconds, and what it said on standard error."""
    started = time.perf_counter()
    done = subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - started, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="one round per part (CI)")
    rounds = 1 if parser.parse_args().short else ROUNDS
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        env = {"MAGNESIUM_DB": str(where / "intakes.sqlite3"), "PATH": "/usr/bin:/bin"}
        (where / "a.yaml").write_text(ANSWERS, encoding="utf-8")
        (where / "plan.yaml").write_text(PLAN.replace("{today}", time.strftime("%Y-%m-%d")), encoding="utf-8")
        (where / "practice.yaml").write_text(PRACTICE, encoding="utf-8")
        run("advise", str(where / "a.yaml"), "--save", env=env)
        run("plan", "1", "--from", str(where / "plan.yaml"), env=env)
        born = str(int(time.strftime("%Y")) - 82)
        jobs = {"handout": ("handout", "1"), "letter": ("letter", "1", "--name", "Mevr. A. de Boer", "--born", born)}
        print(f"{'document':<10} {'format':<6} {'median s':>9} {'pages':>6}")
        for name, job in jobs.items():
            for ending in ("html", "pdf"):
                times, said = [], ""
                for _ in range(rounds):
                    took, said = run(*job, "--out", str(where / f"{name}.{ending}"), env=env)
                    times.append(took)
                pages = re.search(r"\((\d+) A4\)", said)
                print(f"{name:<10} {ending:<6} {statistics.median(times):>9.2f} {pages.group(1) if pages else '-':>6}")


if __name__ == "__main__":
    main()
