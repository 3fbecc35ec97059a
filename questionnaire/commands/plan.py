"""`magnesium plan N --from plan.yaml`: keep the practitioner's plan for a stored intake.

The plan is what the client will really take: the advice, changed where the practitioner has
a reason. It is bad input (exit 2, one line a problem) when its shape is wrong or when it breaks
one of the advice's safety promises (engine/plan_check.py); then nothing is kept. A kept plan
is a new version: earlier versions stay in the store. What was kept goes to standard error;
standard output shows each item with the whole units a day that stay within its amount.
"""
from __future__ import annotations

import argparse
import sys

PROG = "magnesium plan"


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("plan", help="keep the practitioner's plan for a stored intake (from a plan file)")
    parser.add_argument("number", type=int, help="intake number (see magnesium review)")
    parser.add_argument("--from", dest="plan_file", metavar="FILE", help="the plan file (YAML or JSON; - for standard input)")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from engine.advise import advisor
    from engine.errors import BadInput
    from engine.plan_check import findings

    from ..plan.plan_file import finding_problem, load
    from ..plan.plan_texts import PLAN_TEXTS, PlanProblem
    from ..store import open_store

    if args.plan_file is None:
        raise BadInput([PlanProblem.about(PROG, "--from", "plan_from", number=args.number)])
    doc, plan = load(args.plan_file)
    with open_store(args.db) as store:
        intake = store.get(args.number)
        forms = advisor(args.rules).base.forms
        broken = findings(plan, intake.advice, forms)
        if broken:
            raise BadInput([finding_problem(doc, f) for f in broken])
        version = store.save_plan(args.number, plan)
    sys.stderr.write(PLAN_TEXTS.say("plan_saved", args.lang, number=args.number, version=version) + "\n")
    sys.stdout.write("".join(line + "\n" for line in item_lines(plan, args)))
    return 0


def item_lines(plan: dict, args: argparse.Namespace) -> list[str]:
    """Each item: its form and amount, and the whole units a day that stay within it."""
    from engine.advise import advisor
    from engine.plan_check import units_per_day

    from ..common.formatting import shown_number
    from ..plan.plan_texts import PLAN_TEXTS

    base, lang = advisor(args.rules).base, args.lang
    lines = []
    for item in plan["items"]:
        mg, units = item["mg_per_day"], units_per_day(item)
        amount = (PLAN_TEXTS.say("plan_amount", lang, mg=shown_number(mg, lang)) if mg is not None
                  else PLAN_TEXTS.say("plan_amount_none", lang))
        if units is not None:
            amount += "; " + PLAN_TEXTS.say("plan_units", lang, units=units, unit=PLAN_TEXTS.say(f"unit_{item['unit']}", lang),
                                           per_unit=shown_number(item["product_mg_per_unit"], lang),
                                           total=shown_number(units * item["product_mg_per_unit"], lang))
        lines.append(PLAN_TEXTS.say("plan_item", lang, form=base.label("forms", item["form"], lang), amount=amount))
    return lines
