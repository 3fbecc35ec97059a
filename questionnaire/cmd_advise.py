"""`magnesium advise FILE`: the advice for an answers file, as a summary or as contract JSON."""
from __future__ import annotations

import argparse
import json
import sys

FORMATS = ("text", "markdown", "json")


def register(sub: argparse._SubParsersAction) -> None:
    from .cli import add_common

    parser = sub.add_parser("advise", help="advice for an answers file (YAML or JSON; - for standard input)")
    parser.add_argument("file", help="answers file, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="text", help="text (default), markdown or json")
    add_common(parser)
    parser.set_defaults(run=run)


def load_answers(path: str, rules: str | None) -> tuple[dict, object]:
    """Read and validate an answers file; returns the answers and the advisor that checked them."""
    from engine.advise import advisor
    from engine.yamlsource import decode, read

    adv = advisor(rules)
    doc = decode(sys.stdin.buffer.read(), "<stdin>") if path == "-" else read(path)
    return adv.check(doc), adv


def run(args: argparse.Namespace) -> int:
    answers, adv = load_answers(args.file, args.rules)
    advice = adv.advise(answers, args.lang)
    if args.format == "json":
        output = json.dumps(advice, ensure_ascii=False, indent=2)
    else:
        from .summary import render

        output = render(answers, advice, adv.base, args.lang, args.format)
    sys.stdout.write(output + "\n")
    return 0
