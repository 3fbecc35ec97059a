"""`magnesium intake --follow-up N`: the follow-up of a stored intake, in the terminal.

A helper of the intake command (which handles every stop in one place): the intake and its
latest plan are read before the first screen (an unknown number is the store's exit-2 line),
the follow-up's questions are asked with the intake's session and prompts, and the follow-up is
kept in the store with the advice made for it (intake/follow_up.py builds its answers). The
closing screen tells the client plainly to stop and call the GP when that advice is blocked.
"""
from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import TYPE_CHECKING, Callable

from engine.errors import BadInput

from ..intake.screen import IntakeProblem, say

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

    from ..intake.resume_file import Parking
    from ..intake.session import IntakeSession
    from ..store import StoredIntake

NEW_INTAKE_ONLY = ("out", "show_advice")  # options of a new intake, refused with --follow-up


def check(args: argparse.Namespace) -> None:
    """Before the first screen: no option of a new intake, and intake N exists (exit 2)."""
    found = [IntakeProblem("magnesium intake", f"--{name.replace('_', '-')}", "follow_up_alone",
                           (("option", f"--{name.replace('_', '-')}"),))
             for name in NEW_INTAKE_ONLY if getattr(args, name)]
    if found:
        raise BadInput(found)
    _stored(args)


def _stored(args: argparse.Namespace) -> tuple[StoredIntake, dict | None]:
    """Intake N and its latest plan when that plan has items (else None: nothing to take)."""
    from .. import store

    with store.open_store(args.db) as kept:
        intake = kept.get(args.follow_up)
        plans = kept.plans(args.follow_up)
    latest = plans[-1] if plans and plans[-1]["plan"].get("items") else None
    return intake, latest


def welcome_then_ask(args: argparse.Namespace, parking: Parking, conclude: Callable[..., int], park: Callable[..., None]) -> int:
    """The follow-up's welcome, its questions (a waiting one carried on), then keeping it with
    the intake command's `conclude` (the resume file, written after every answer by `park`,
    stays until the follow-up is kept)."""
    from ..intake import first_screen
    from ..intake.prompts import show

    intake, plan = _stored(args)
    show(_whose(intake, args.lang))
    show()
    agreed, saved, accepted = first_screen.welcome(args.lang, args.rules, parking.path, args.resume is not None,
                                                   follow_up=True, client=intake.client)
    if not agreed:
        show(say("declined", args.lang))
        return 0
    from engine.advise import advisor

    from ..common.clock import now
    from ..intake import follow_up, follow_up_questions
    from ..intake.interview import interview
    from ..intake.session import IntakeSession

    base = advisor(args.rules).base  # a refused rule folder stops here, before the first question
    questions = follow_up_questions.load(base, with_plan=plan is not None)
    session = IntakeSession(questions.questionnaire, base, accepted or now().isoformat(),
                            seed=follow_up.seed(intake.answers, questions),
                            reminders=follow_up.reminders(intake.answers, questions))
    if saved is not None:
        session.restore(saved)
        show()
        show(say("resuming", args.lang))
    interview(session, args.lang, partial(park, parking))
    return conclude(args, parking, session, partial(_keep, args, session, base, intake, plan))


def _keep(args: argparse.Namespace, session: IntakeSession, base: RuleBase, intake: StoredIntake,
          plan: dict | None) -> Callable[[], int]:
    """Check the follow-up's contract answers, advise on them and keep it; the closing screen."""
    from engine.advise import Advisor
    from engine.yamlsource import Document

    from .. import store
    from ..common.clock import now
    from ..intake import follow_up

    answers = follow_up.contract_answers(session.answers(), session.answered, intake.answers,
                                         plan["plan"] if plan else None, base.forms)
    adv = Advisor(base)
    checked = adv.check(Document("<follow-up>", answers))
    advice = adv.advise(checked, args.lang)
    record = {"lang": args.lang, "answers": checked, "severities": session.severities(),
              "plan_taken": session.answered.get("plan_taken"), "plan_version": plan["version"] if plan else None,
              "side_effects": follow_up.side_effects(session.answered), "advice": advice}
    with store.open_store(args.db) as kept:
        # kept with the intake new again and its next follow-up counted from this one, in one
        # transaction (issue 21: the list still said "beoordeeld" and kept the date that had passed)
        number = kept.save_follow_up(intake.number, record)
    sys.stderr.write(store.STORE_TEXTS.say("saved_follow_up", args.lang, number=intake.number, follow_up=number) + "\n")
    return partial(_close, args.lang, follow_up.alarm(advice), _whose(intake, args.lang, kept=True))


def _whose(intake: StoredIntake, lang: str, kept: bool = False) -> str:
    """Whose intake the follow-up belongs to, by number and name, so the right client answers
    and knows where the answers went (the first and the last screen)."""
    from ..common.formatting import printable
    from .command_texts import COMMAND_TEXTS

    client = printable(intake.client) if intake.client else COMMAND_TEXTS.say("follow_up_no_name", lang)
    return COMMAND_TEXTS.say("follow_up_kept" if kept else "follow_up_whose", lang, number=intake.number, client=client)


def _close(lang: str, alarm: list[str], whose: str) -> int:
    """Thank the client and say where the answers went; first, when the advice says so, what to
    do today, in plain words."""
    from ..common.texts import SAFETY_TEXTS
    from ..intake.prompts import show

    show()
    if alarm:
        show(say("follow_up_alarm", lang))
        for key in alarm:
            show(SAFETY_TEXTS.say(key, lang), indent="  ")
        show()
    show(whose)
    show(say("follow_up_done", lang))
    return 0
