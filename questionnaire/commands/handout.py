"""`magnesium handout N --out folder/handout.pdf` (or .html, .md): the client's page of the latest plan.

It needs a plan (`magnesium plan N --from ...`); without one it is bad input that says how to
make one. It is refused, with a line saying why and what to do, where a doctor must look first
and the plan holds no answer from the doctor, where the doctor's agreement ran out, or where a
later follow-up rules the plan out (handout/ready.py). The page speaks to the client in plain
words, in the intake's language unless --lang says otherwise.
"""
from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..common.document import Printout
    from ..plan.standing import Standing
    from ..store import StoredIntake

PROG = "magnesium handout"


def register(sub: argparse._SubParsersAction) -> None:
    from ._documents import register as document_command

    document_command(sub, "handout", run)


def run(args: argparse.Namespace) -> int:
    from engine.errors import BadInput

    from ..handout.handout_texts import HandoutProblem
    from ..store import StoreProblem
    from ._documents import asked, write_document

    given = asked(PROG, args)
    if not given.plans:
        raise BadInput([HandoutProblem.about(PROG, "number", "no_plan", number=args.number)])
    try:
        doc = make_handout(given.intake, given.now, given.plans[-1], given.practice, args.rules, given.lang)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):  # a stored plan of the wrong shape
        raise BadInput([StoreProblem.about(PROG, "number", "intake_unreadable", number=args.number,
                                           column=f"plans.plan ({given.plans[-1]['version']})")]) from None
    write_document(doc, given.path, given.fmt, args.number, "handout", given.lang, args.db)
    return 0


def make_handout(intake: StoredIntake, now: Standing, kept: dict, practice: dict | None, rules: str | None,
                 lang: str) -> Printout:
    """The handout from the advice that stands now, in `lang`; bad input (one line a reason)
    when it may not be made."""
    from engine.advise import advisor
    from engine.errors import BadInput

    from ..common.clock import now as clock
    from ..handout.content import build_handout
    from ..handout.handout_texts import HandoutProblem
    from ..handout.ready import not_ready
    from ..plan.standing import advice_in

    adv = advisor(rules)
    refused = not_ready(kept, now.advice, now.follow_up, adv.base, lang, clock().date())
    if refused:
        raise BadInput([HandoutProblem.about(PROG, "number", code, number=intake.number, **params)
                        for code, params in refused])
    return build_handout(now.answers, advice_in(now, adv, lang), kept, intake.follow_up, adv.base, lang, practice)
