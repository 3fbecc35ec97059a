"""`magnesium advise FILE`: the advice for an answers file, as a summary or as contract JSON."""
from __future__ import annotations

import argparse
import json
import sys

# text and markdown are summary formats (summary/formats.py); json is the contract's advice object.
FORMATS = ("text", "markdown", "json")


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("advise", help="advice for an answers file (YAML or JSON; - for standard input)")
    parser.add_argument("file", help="answers file, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="text", help="text (default), markdown or json")
    parser.add_argument("--save", action="store_true", help="also keep this intake in the intake store (see magnesium review)")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def load_answers(path: str, rules: str | None) -> tuple[dict, object]:
    """Read and validate an answers file; returns the answers and the advisor that checked them."""
    from engine.advise import advisor
    from engine.yamlsource import read

    adv = advisor(rules)
    doc = read(path)
    return adv.check(doc), adv


def run(args: argparse.Namespace) -> int:
    if args.db and not args.save:
        from engine.errors import BadInput

        from .command_texts import CommandProblem

        raise BadInput([CommandProblem.about("magnesium advise", "--db", "db_without_save")])
    answers, adv = load_answers(args.file, args.rules)
    advice = adv.advise(answers, args.lang)
    if args.format == "json":
        output = json.dumps(advice, ensure_ascii=False, indent=2)
    else:
        from ..summary.formats import render
        from ..summary.render_text import wants_colour

        colour = args.format == "text" and wants_colour(sys.stdout)
        output = render(answers, advice, adv.base, args.lang, args.format, colour=colour)
    if args.save:  # before any output: a store that cannot be written means exit 2 and no output
        save(answers, advice, args.lang, args.db)
    sys.stdout.write(output + "\n")
    return 0


def save(answers: dict, advice: dict, lang: str, db: str | None) -> int:
    """Keep an intake made from a file (no disclaimer was accepted in the program)."""
    from ..store import STORE_TEXTS, open_store

    with open_store(db) as store:
        number = store.save_intake(answers, advice, lang, accepted_at=None)
    sys.stderr.write(STORE_TEXTS.say("saved", lang, number=number) + "\n")
    return number
