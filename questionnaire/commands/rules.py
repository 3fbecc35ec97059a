"""`magnesium rules`: the practitioner's own rule base.

    magnesium rules init DIR          copy the shipped rules and their cases (refuses a non-empty folder)
    magnesium rules check DIR         every error and warning at once (exit 2 with errors, 0 with warnings only)
    magnesium rules test DIR          run the cases in DIR/tests; one line per differing key
    magnesium rules list [--rules D]  id, what it concludes, source, evidence level
    magnesium rules list --triage     the decision for every answer (block, doctor first, ...)
    magnesium rules impact DIR        what these rules change in the stored intakes (the store is not changed)

The checking lives in engine/ (the loader, `engine.lint`, `engine.cases`); this module only
reads the command line and prints. A broken rule base is refused by every subcommand with the
loader's lines, so it is never half used.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import BadInput

from .rules_texts import RULES_TEXTS, RulesProblem

if TYPE_CHECKING:
    from engine.triage import Entry

PROG = "magnesium rules"


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_db, _Parser

    parser = sub.add_parser("rules", help="your own rule base: init, check, test, list, impact")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    for name, what in (("init", "copy the shipped rule base and its cases into a new folder"),
                       ("check", "check a rule folder: every error and warning at once"),
                       ("test", "run the cases in the folder's tests/ against its rules"),
                       ("impact", "re-advise every stored intake with these rules and say what changes")):
        action = actions.add_parser(name, help=what)
        action.add_argument("folder", metavar="DIR", help="the rule folder")
        if name == "impact":
            add_db(action)
        _lang(action)
    listing = actions.add_parser("list", help="every rule: id, what it concludes, source, evidence level")
    listing.add_argument("--rules", metavar="DIR", help="the rule folder (default: $MAGNESIUM_RULES, else the shipped rules)")
    listing.add_argument("--triage", action="store_true", help="the triage table instead: the decision for every answer")
    _lang(listing)
    parser.set_defaults(run=run)


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the texts (default nl)")


def run(args: argparse.Namespace) -> int:
    if args.action == "init":
        return init(Path(args.folder), args.lang)
    if args.action == "list":
        return triage_listing(args.rules, args.lang) if args.triage else listing(args.rules, args.lang)
    if args.action == "impact":
        from ._rules_impact import impact

        return impact(args.folder, args.db, args.lang)
    from . import _rules_check

    return _rules_check.check(args.folder, args.lang) if args.action == "check" else _rules_check.test(args.folder, args.lang)


def shipped_dir() -> Path:
    """The rule files that come with the program (not $MAGNESIUM_RULES: init copies the originals)."""
    import engine.paths

    return Path(engine.paths.__file__).resolve().parent.parent / "rules"


def init(folder: Path, lang: str) -> int:
    """Copy the shipped rule files and cases into a new or empty folder; never overwrite."""
    from engine.cases import CASES_DIR

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BadInput([RulesProblem.about(str(folder), "rules init", "init_not_empty")])
    if not folder.parent.is_dir():
        raise BadInput([RulesProblem.about(str(folder), "rules init", "init_parent", parent=str(folder.parent))])
    source = shipped_dir()
    files = sorted(source.glob("*.yaml"))
    cases = sorted((source / CASES_DIR).glob("*.yaml"))
    try:
        (folder / CASES_DIR).mkdir(parents=True, exist_ok=True)
        for path in files:
            shutil.copyfile(path, folder / path.name)
        for path in cases:
            shutil.copyfile(path, folder / CASES_DIR / path.name)
    except OSError as err:
        raise BadInput([RulesProblem.about(str(folder), "rules init", "write", reason=err.strerror or str(err))]) from None
    sys.stderr.write(RULES_TEXTS.say("init_done", lang, files=len(files), cases=len(cases), folder=folder) + "\n")
    return 0


def listing(rules: str | None, lang: str) -> int:
    """Every rule with what it concludes, its source and its evidence level, as a table."""
    from engine.rulebase import load

    from ..summary.model import Table
    from ..summary.render_text import table_lines

    base = load(rules)
    header = tuple(RULES_TEXTS.say(k, lang) for k in ("list_id", "list_concludes", "list_source", "list_evidence"))
    rows = tuple((r.id, concludes(r.then), r.source[lang], (r.evidence or {}).get("level", "-")) for r in base.rules)
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120
    sys.stdout.write("\n".join(table_lines(Table(header, rows), max(width, 80))) + "\n")
    return 0


def concludes(then: dict) -> str:
    """What a rule concludes in a few ids and numbers (the same in every language)."""
    parts = []
    for kind, value in then.items():
        if kind == "recommend":
            mg = value.get("mg_per_day")
            amount = "" if mg is None else f" {mg[0]}-{mg[1]} mg" if isinstance(mg, list) else f" {mg} mg"
            parts.append(f"recommend {value['form']}{amount}")
        elif kind in ("warning", "block"):
            parts.append(f"{kind} {value.get('id') or value.get('reason')}")
        elif isinstance(value, (str, int)):
            parts.append(f"{kind} {value}")
        elif isinstance(value, list) and len(value) <= 3:
            parts.append(f"{kind} {', '.join(map(str, value))}")
        else:
            parts.append(kind)
    return "; ".join(parts)


def triage_listing(rules: str | None, lang: str) -> int:
    """The triage table: per kind of answer, each answer with its decisions, why and source,
    wrapped to the terminal (80 columns when not a terminal)."""
    from engine.rulebase import load
    from engine.triage import PROFILES, TRIAGED

    base = load(rules)
    width = max(shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80, 60)
    lines = textwrap.wrap(RULES_TEXTS.say("triage_head", lang), width)
    for kind in (PROFILES, *TRIAGED):
        title = RULES_TEXTS.say("triage_profiles", lang) if kind == PROFILES else base.label("answer_keys", kind, lang)
        lines += ["", title.upper()]
        for item, entry in base.triage.get(kind, {}).items():
            lines += ["", *_triage_entry(base.label(kind, item, lang), item, entry, lang, width)]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _flow(value: object) -> str:
    """A condition as written, on one line ({age: {gte: 65}})."""
    import yaml

    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000).strip()


def _triage_entry(label: str, item: str, entry: Entry, lang: str, width: int) -> list[str]:
    """An answer (with a profile's condition) and a wrapped line per decision."""
    say = RULES_TEXTS.say
    head = f"{label} ({item})" + (f", {say('triage_when', lang)} {_flow(entry.written_when)}"
                                  if entry.written_when is not None else "")
    lines = textwrap.wrap(head, width, subsequent_indent="  ")
    for decision in entry.decisions:
        what = say(f"triage_{decision.decision}", lang) + (f" {decision.id}" if decision.id else "")
        if decision.with_:
            what += f", {say('triage_with', lang)} {', '.join(decision.with_)}"
        if decision.written_when is not None:
            what += f", {say('triage_when', lang)} {_flow(decision.written_when)}"
        text = f"{what}: {decision.why[lang]} ({say('triage_source', lang)}: {decision.source[lang]})"
        lines += textwrap.wrap(text, width, initial_indent="  - ", subsequent_indent="    ")
    return lines
