"""`magnesium advise FILE`: the advice for an answers file, as a summary or as contract JSON.

`--batch FILE` advises many clients in one process: JSON lines in (one answers object a line),
one advice object a line out in the same order (`null` for a line that is bad input, whose
problems go to standard error with its line number); exit 2 if any line was bad.
"""
from __future__ import annotations

import argparse
import json
import sys

# text and markdown are summary formats (summary/formats.py); json is the contract's advice object.
FORMATS = ("text", "markdown", "json")


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("advise", help="advice for an answers file (YAML or JSON; - for standard input)")
    parser.add_argument("file", nargs="?", help="answers file, or - for standard input")
    parser.add_argument("--batch", metavar="FILE",
                        help="JSON lines (one answers object a line; - for standard input): one advice a line out")
    parser.add_argument("--format", choices=FORMATS, help="text (default), markdown or json (the only one with --batch)")
    parser.add_argument("--save", action="store_true", help="also keep this intake in the intake store (see magnesium review)")
    parser.add_argument("--no-pager", action="store_true", help="never show the summary through a pager")
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


def _refuse(key: str, code: str) -> None:
    from engine.errors import BadInput

    from .command_texts import CommandProblem

    raise BadInput([CommandProblem.about("magnesium advise", key, code)])


def run(args: argparse.Namespace) -> int:
    if args.db and not args.save:
        _refuse("--db", "db_without_save")
    if (args.file is None) == (args.batch is None):
        _refuse("file", "file_or_batch")
    if args.batch is not None:
        if args.save or args.format not in (None, "json"):
            _refuse("--batch", "batch_json_only")
        return run_batch(args.batch, args.rules, args.lang)
    args.format = args.format or "text"
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
    from ..common.pager import show

    show(output + "\n", sys.stdout, pager=args.format == "text" and not args.no_pager)
    return 0


def save(answers: dict, advice: dict, lang: str, db: str | None) -> int:
    """Keep an intake made from a file (no disclaimer was accepted in the program)."""
    from ..store import STORE_TEXTS, open_store

    with open_store(db) as store:
        number = store.save_intake(answers, advice, lang, accepted_at=None)
    sys.stderr.write(STORE_TEXTS.say("saved", lang, number=number) + "\n")
    return number


def run_batch(path: str, rules: str | None, lang: str) -> int:
    """Advise every line of a JSON-lines file (see the module docstring): a large one on every
    core (engine/batch.py), its progress on the terminal when the output goes to a file. A line
    whose advice breaks a safety promise stops the batch: the rule base is at fault, not the line."""
    from engine.batch import advised
    from engine.errors import BadInput

    from ..common.progress import progress
    from .command_texts import CommandProblem

    bad = 0
    name = "<stdin>" if path == "-" else path
    with _binary(path) as stream, progress(_say("progress_batch", lang), _say("progress_of", lang),
                                           shown=not sys.stdout.isatty()) as done:
        for line, problems, number in advised(stream, name, rules, lang):
            if line is None:  # a broken promise: no advice from here on
                done.say(problems)
                raise BadInput([CommandProblem(name, "--batch", "batch_stopped", (), number)])
            if problems:
                bad += 1
                done.say(problems)
            sys.stdout.write(line + "\n")
            done.step()
    return 2 if bad else 0


def _say(key: str, lang: str) -> str:
    from .command_texts import COMMAND_TEXTS

    return COMMAND_TEXTS.say(key, lang)


def _binary(path: str):
    """The batch input as a binary stream; a file that cannot be opened is one line."""
    from contextlib import nullcontext

    from engine.errors import BadInput, problem

    if path == "-":
        if sys.stdin is None:
            raise BadInput([problem("<stdin>", "file", "stdin_closed")])
        return nullcontext(sys.stdin.buffer)
    try:
        return open(path, "rb")
    except OSError as err:
        raise BadInput([problem(path, "file", "file_unreadable", reason=(err.strerror or str(err)).lower())]) from None

