"""`magnesium plan N [--from plan.yaml]`: keep the practitioner's plan for a stored intake.

The plan is what the client will really take: the advice, changed where the practitioner has
a reason, with the doctor's answer where the advice needed one. It is bad input (exit 2, one
line a problem) when its shape is wrong or when it breaks one of the advice's safety promises
(engine/plan_check.py); then nothing is kept. A kept plan is a new version: earlier versions
stay in the store. What was kept goes to standard error; standard output shows each item with
the whole units a day that stay within its amount. Without --from the practitioner makes the
plan by answering questions (plan/session.py); it is checked the same way and kept with the
same lines.
"""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.model import RuleBase
    from engine.yamlsource import Document

    from ..plan.standing import Standing


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("plan", help="make the practitioner's plan for a stored intake (questions, or a plan file)")
    parser.add_argument("number", type=int, help="intake number (see magnesium review)")
    parser.add_argument("--from", dest="plan_file", metavar="FILE",
                        help="the plan file (YAML or JSON; - for standard input); without it: questions in the terminal")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """From the file (checked: bad input keeps nothing), else by asking in the terminal."""
    from engine.advise import advisor

    from ..plan.standing import standing
    from ..store import open_store

    if args.plan_file is None:
        return _questions(args)
    from ..plan.plan_file import load

    doc, plan = load(args.plan_file)
    with open_store(args.db) as store:
        now = standing(store.get(args.number), store.follow_ups(args.number))
        kept = store.plans(args.number)
    _check(doc, plan, now, kept[-1] if kept else None, advisor(args.rules).base, args)
    _say_which_advice(now, args)
    return keep(args, plan)


def _check(doc: Document, plan: dict, now: Standing, latest: dict | None, base: RuleBase,
           args: argparse.Namespace) -> None:
    """The plan file against the advice that stands now: its safety promises, and `continued`
    only where carrying on is a choice; bad input with every broken one."""
    from engine.errors import BadInput
    from engine.plan_check import findings

    from ..plan.carry_on import misused
    from ..plan.plan_file import finding_problem
    from ..plan.plan_texts import PlanProblem

    broken = [finding_problem(doc, f) for f in findings(plan, now.advice, base.forms)]
    broken += [PlanProblem(doc.name, "change_reason", "continued_no_choice", (), doc.line(("items", i, "change_reason")))
               for i in misused(plan, now, latest)]
    if broken:
        raise BadInput(broken + _which_advice(now, args))


def _questions(args: argparse.Namespace) -> int:
    """The plan's questions in the terminal; a plan confirmed there is kept as a file's is."""
    from engine.advise import advisor

    from ..intake.screen import on_a_terminal
    from ..plan import draft_file
    from ..plan.plan_texts import PLAN_TEXTS
    from ..plan.session import interactive
    from ..plan.standing import standing
    from ..store import open_store

    if not on_a_terminal():
        sys.stderr.write(PLAN_TEXTS.say("not_a_terminal", args.lang, number=args.number) + "\n")
        return 2
    with open_store(args.db) as store:
        intake, kept = store.get(args.number), store.plans(args.number)
        now = standing(intake, store.follow_ups(args.number))
    plan, code = interactive(intake, kept, now, advisor(args.rules).base, args.lang,
                             draft_file.draft_path(args.db, args.number))
    return keep(args, plan) if plan is not None else code


def _which_advice(now: Standing, args: argparse.Namespace) -> list:
    """Refused after a follow-up: one more line saying the lines above are about its advice."""
    from ..plan.plan_texts import PlanProblem

    if now.follow_up is None:
        return []
    return [PlanProblem.about(args.plan_file, "plan", "checked_follow_up", number=args.number,
                              follow_up=now.follow_up["number"], date=now.follow_up["created_at"][:10])]


def _say_which_advice(now: Standing, args: argparse.Namespace) -> None:
    """After a follow-up the plan is checked against its advice: say so (standard error)."""
    from ..plan.plan_texts import PLAN_TEXTS

    if now.follow_up is not None:
        sys.stderr.write(PLAN_TEXTS.say("plan_checked_follow_up", args.lang, number=args.number,
                                        follow_up=now.follow_up["number"], date=now.follow_up["created_at"][:10]) + "\n")


def keep(args: argparse.Namespace, plan: dict) -> int:
    """Keep a checked plan as the intake's next version and say so (the same for both roads)."""
    from ..plan import draft_file
    from ..plan.plan_texts import PLAN_TEXTS
    from ..store import open_store

    with open_store(args.db) as store:
        version = store.save_plan(args.number, plan)
    draft_file.remove(draft_file.draft_path(args.db, args.number))  # an interrupted plan is done with
    sys.stderr.write(PLAN_TEXTS.say("plan_saved", args.lang, number=args.number, version=version) + "\n")
    sys.stdout.write("".join(line + "\n" for line in item_lines(plan, args)))
    return 0


def item_lines(plan: dict, args: argparse.Namespace) -> list[str]:
    """Each item: its form and amount, and the whole units a day that stay within it."""
    from engine.advise import advisor

    from ..common.formatting import shown_number
    from ..plan.describe import units
    from ..plan.plan_texts import PLAN_TEXTS

    base, lang = advisor(args.rules).base, args.lang
    lines = []
    for item in plan["items"]:
        mg, per_day = item["mg_per_day"], units(item, lang)
        amount = (PLAN_TEXTS.say("plan_amount", lang, mg=shown_number(mg, lang)) if mg is not None
                  else PLAN_TEXTS.say("plan_amount_none", lang))
        if per_day is not None:
            amount += "; " + per_day
        lines.append(PLAN_TEXTS.say("plan_item", lang, form=base.label("forms", item["form"], lang), amount=amount))
    return lines
