"""Draw and render a blind clinical read (../shared/clinical-read/README.md), in one command.

    .venv/bin/python docs/safety/render_read.py SEED OUT_DIR

Draws 20 clients with the kit's draw.py (a new SEED each time), then writes beside each answers
file what the practitioner and the client get: the summary (`caseNN.md`); where the advice gives
an amount, the handout of a plan that accepts the first choice at its lowest amount
(`caseNN-handout.md`); where a doctor must look first or the advice is blocked, the letter to the
GP (`caseNN-letter.md`). The intakes are kept in a throwaway store outside OUT_DIR, so the folder
holds only what the reader may see. OUT_DIR must lie outside the repository.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]  # the project (docs/safety/ in it)
DRAW = ROOT.parent / "shared" / "clinical-read" / "draw.py"
# The practice the handout and the letter come from (beside the throwaway store).
PRACTICE = """name: Praktijk De Linde
phone: 010 123 45 67
address: Lindelaan 4, 1234 AB Ergens
email: info@praktijkdelinde.nl
practitioner: J. de Vries, natuurgeneeskundig therapeut
"""
MAGNESIUM = str(Path(sys.executable).with_name("magnesium"))


def run(*args: str, db: Path | None) -> str:
    """One magnesium command (on the throwaway store `db`); its standard output (a failure stops the read)."""
    done = subprocess.run([MAGNESIUM, *args, *(("--db", str(db)) if db else ())], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"magnesium {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def lowest(mg: object) -> float | None:
    return mg[0] if isinstance(mg, list) else mg  # type: ignore[index,return-value]


def render(case: Path, db: Path, number: int) -> list[str]:
    """The summary, and the handout or the letter where they apply; the files written."""
    stem = case.with_suffix("")
    summary = run("advise", str(case), "--format", "markdown", "--no-pager", "--save", db=db)
    stem.with_suffix(".md").write_text(summary, encoding="utf-8")
    written = [stem.with_suffix(".md").name]
    advice = json.loads(run("advise", str(case), "--format", "json", db=None))
    primary = next((r for r in advice["recommendations"] if r["role"] == "primary"), None)
    consult = primary is not None and primary["consult_doctor"]  # this form waits for the doctor
    if primary is not None and lowest(primary["mg_per_day"]) is not None and not consult:
        plan = db.with_name(f"{case.stem}-plan.json")
        plan.write_text(json.dumps({"items": [{"form": primary["form"], "mg_per_day": lowest(primary["mg_per_day"])}]}))
        run("plan", str(number), "--from", str(plan), db=db)
        handout = Path(f"{stem}-handout.md")
        run("handout", str(number), "--out", str(handout), db=db)
        written.append(handout.name)
    if advice["blocked"] or advice["doctor_first"] or consult:
        letter = Path(f"{stem}-letter.md")
        answers = yaml.safe_load(case.read_text(encoding="utf-8"))
        born = str(date.today().year - answers["age"])
        run("letter", str(number), "--out", str(letter), "--name", answers.get("client") or case.stem, "--born", born,
            db=db)
        written.append(letter.name)
    return written


def main(seed: str, out: str) -> None:
    folder = Path(out).resolve()
    if folder == ROOT or ROOT in folder.parents:
        raise SystemExit("OUT_DIR must lie outside the repository (the reader sees only that folder)")
    subprocess.run([sys.executable, str(DRAW), seed, str(folder)], check=True, cwd=ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "read.sqlite3"
        (Path(scratch) / "practice.yaml").write_text(PRACTICE, encoding="utf-8")
        for number, case in enumerate(sorted(folder.glob("case*.yaml")), 1):
            print(f"{case.name}: " + ", ".join(render(case, db, number)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
