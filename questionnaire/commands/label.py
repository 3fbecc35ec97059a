"""`magnesium label FORM MG --compound|--elemental`: what a label's number means in magnesium.

A label may give the weight of the salt ("magnesium citrate 1000 mg") or the magnesium in it
("magnesium 160 mg"); advice and limits are in magnesium. The form's elemental share, with its
source, is data in rules/forms.yaml, the same the intake uses for the magnesium taken now.
"""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common

    parser = sub.add_parser("label", help="convert a label's amount: the salt's weight <-> the magnesium in it")
    parser.add_argument("form", help="the form id, such as citrate (see rules/catalogue.yaml)")
    parser.add_argument("mg", help="the amount on the label in mg, such as 1000")
    basis = parser.add_mutually_exclusive_group(required=True)
    basis.add_argument("--compound", action="store_true", help="the amount is the weight of the salt")
    basis.add_argument("--elemental", action="store_true", help="the amount is the magnesium in it")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from engine.advise import advisor
    from engine.errors import BadInput

    from ..common.formatting import shown_number
    from ..intake.session import number
    from .command_texts import COMMAND_TEXTS, CommandProblem

    forms = advisor(args.rules).base.forms
    mg = number(args.mg, "mg")
    problems = []
    if args.form not in forms:
        problems.append(CommandProblem.about("magnesium label", "form", "label_form", allowed=", ".join(forms),
                                             got=args.form))
    if mg is None or not 0 < mg <= 100_000:
        problems.append(CommandProblem.about("magnesium label", "mg", "label_mg", got=args.mg))
    if problems:
        raise BadInput(problems)
    spec, label = forms[args.form]["elemental_share"], advisor(args.rules).base.label("forms", args.form, args.lang)
    if spec["value"] is None:
        sys.stdout.write(COMMAND_TEXTS.say("label_unknown", args.lang, form=label,
                                           source=spec["source"][args.lang]) + "\n")
        return 0
    compound, elemental = (mg, mg * spec["value"]) if args.compound else (mg / spec["value"], mg)
    words = dict(form=label, compound=shown_number(round(compound), args.lang),
                 elemental=shown_number(round(elemental), args.lang),
                 share=shown_number(round(spec["value"] * 100, 1), args.lang), source=spec["source"][args.lang])
    sys.stdout.write(COMMAND_TEXTS.say("label_compound" if args.compound else "label_elemental", args.lang, **words)
                     + "\n")
    return 0
