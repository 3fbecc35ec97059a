"""`magnesium intake`: a client answers the questionnaire in the terminal.

The first screen (welcome, disclaimer, kidney warning) needs only questionary and two small text
files, so it comes as fast as questionary loads; the rule base and the questions are loaded
after the client's yes. Ctrl-C or Ctrl-D at any point asks nothing more, and neither does a
closed window or a kill (SIGHUP, SIGTERM, SIGQUIT: intake/stopped.py): the intake raises
IntakeStopped with the answers so far, and `intake` below handles it in one place: the answers
go to the resume file (see intake/resume_file.py) and the command says how to carry on (exit 130,
or 128 + the signal's number).
"""
from __future__ import annotations

import argparse
import shlex
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from engine.errors import BadInput

from ..intake.screen import on_a_terminal, say

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

    from ..intake.session import IntakeSession


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("intake", help="the questionnaire for a client, in the terminal")
    parser.add_argument("--out", metavar="FILE",
                        help="also write the answers file (the contract's format), readable by you only")
    parser.add_argument("--resume", action="store_true", help="carry on with an intake that was interrupted")
    parser.add_argument("--show-advice", action="store_true",
                        help="print the summary of the advice at the end, for the practitioner beside the client")
    parser.add_argument("--follow-up", metavar="N", type=int,
                        help="the follow-up of stored intake N: the complaints again, the plan, side effects")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Refuse what cannot work before the first screen; then the intake."""
    if not on_a_terminal():
        sys.stderr.write(say("not_a_terminal", args.lang) + "\n")
        return 2
    from ..intake import answers_file, resume_file

    if args.follow_up is not None:
        from . import _follow_up

        _follow_up.check(args)  # the intake exists, no option that belongs to a new intake
    answers_file.check_free(args.out)
    resume_file.check_folder(_resume_path(args), args.out, args.db)
    return intake(args)


def _resume_path(args: argparse.Namespace) -> Path:
    """Where an interrupted intake (or follow-up of intake N) waits."""
    from ..intake import resume_file

    if args.follow_up is not None:
        return resume_file.follow_up_path(args.db, args.follow_up)
    return resume_file.resume_path(args.out, args.db)


def intake(args: argparse.Namespace) -> int:
    """The disclaimer, the questions, keeping the answers; the one place a stop is handled."""
    from ..intake import resume_file
    from ..intake.stopped import IntakeStopped, catching_signals, keeping

    where = _resume_path(args)
    if args.follow_up is None:
        resume_file.adopt_legacy(where, args.out, args.db)
    with catching_signals():
        try:
            return _welcome_then_ask(args, where)
        except IntakeStopped as stop:
            keeping()
            if stop.answered is None:  # stopped on the first screen: nothing new to keep
                return _how_to_carry_on(args, where) if where.exists() else _nothing_kept(args)
            code = _put_aside(args, where, stop.answered, stop.accepted or "", stop.parked, stop.total)
            if stop.cause is not None:  # a bug ended the questions: the answers are kept, now report it
                raise stop.cause
            return code


def _welcome_then_ask(args: argparse.Namespace, where: Path) -> int:
    from ..intake import first_screen
    from ..intake.prompts import show

    if args.follow_up is not None:
        from . import _follow_up

        return _follow_up.welcome_then_ask(args, where, conclude)
    agreed, saved, accepted = first_screen.welcome(args.lang, args.rules, where, args.resume)
    if not agreed:
        show(say("declined", args.lang))
        return 0
    from engine.advise import advisor

    from ..common.clock import now  # local time with its offset, as the intake is stamped
    from ..intake import questions
    from ..intake.interview import interview
    from ..intake.session import IntakeSession

    base = advisor(args.rules).base  # a refused rule folder stops here, before the first question
    session = IntakeSession(questions.load(base), base, accepted or now().isoformat())
    if saved is not None:
        session.restore(saved)
        show()
        show(say("resuming", args.lang))
    interview(session, args.lang)

    def keep() -> Callable[[], int]:
        answers, advice = _finish(args, session, base)
        return partial(_thank, args, answers, advice, base)

    return conclude(args, where, session, keep)


def conclude(args: argparse.Namespace, where: Path, session: IntakeSession,
             keep: Callable[[], Callable[[], int]]) -> int:
    """Keep the answers (`keep`, which returns the closing screen), with the resume file as a
    safety net until they are kept.

    The resume file is written before anything can wait or fail (the store may be busy for up to
    30 s), so a Ctrl-C or a store error there loses nothing: the client is told where the answers
    wait and how to carry on, as after a stop during the questions. It goes once all is kept.
    """
    from ..intake import resume_file
    from ..intake.stopped import IntakeStopped

    total = len(session.steps())
    try:
        resume_file.save(where, session.answered, session.accepted, total)
        parked = True
    except OSError:  # not yet lost: kept below, or shown on the screen if that fails too
        parked = False
    try:
        close = keep()
    except (KeyboardInterrupt, EOFError):  # while the store waits
        raise IntakeStopped(session.answered, session.accepted, parked, total) from None
    except BadInput as err:
        for line in dict.fromkeys(problem.render(args.lang) for problem in err.problems):
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        _put_aside(args, where, session.answered, session.accepted, parked, total)
        return 2
    where.unlink(missing_ok=True)
    return close()


def _put_aside(args: argparse.Namespace, where: Path, answered: dict, accepted: str, parked: bool,
               total: int | None = None) -> int:
    """Keep the answers in the resume file (unless `parked` there already) and say how to carry on
    (130, or 128 + the signal).

    When even the resume file cannot be written, the answers are shown on the screen as a last
    resort, so the practitioner can copy them (2).
    """
    from ..intake import resume_file

    if not parked:
        try:
            resume_file.save(where, answered, accepted, total)
        except OSError as err:
            return _show_unsaved(args, where, answered, accepted, err)
    return _how_to_carry_on(args, where)


def _show_unsaved(args: argparse.Namespace, where: Path, answered: dict, accepted: str, err: OSError) -> int:
    """One line that says why, then the answers as the resume file would hold them (exit 2)."""
    from ..common.texts import readable_yaml
    from ..intake import resume_file

    sys.stdout.write("\n" + say("resume_unsaved", args.lang, path=where, reason=err.strerror or str(err)) + "\n")
    sys.stdout.write(readable_yaml(resume_file.content(answered, accepted)))
    sys.stdout.flush()
    return 2


def _how_to_carry_on(args: argparse.Namespace, where: Path) -> int:
    """Say where the answers wait and the command to carry on (on a line of its own, to copy)."""
    from ..intake.prompts import show
    from ..intake.stopped import exit_code

    try:
        show()
        show(say("interrupted", args.lang, path=where))
        sys.stdout.write(f"  {again(args)}\n")
        sys.stdout.flush()
    except OSError:  # the terminal is gone (closed window): the answers are kept all the same
        pass
    return exit_code()


def _nothing_kept(args: argparse.Namespace) -> int:
    from ..intake.prompts import show
    from ..intake.stopped import exit_code

    try:
        show()
        show(say("interrupted_nothing", args.lang))
    except OSError:  # the terminal is gone (closed window)
        pass
    return exit_code()


def again(args: argparse.Namespace) -> str:
    """The command that carries on with this intake, with the options it was started with."""
    words = ["magnesium", "intake", "--resume"]
    words += ["--lang", args.lang] if args.lang != "nl" else []
    words += ["--out", args.out] if args.out else []
    words += ["--rules", args.rules] if args.rules else []
    words += ["--db", args.db] if args.db else []
    words += ["--show-advice"] if args.show_advice else []
    words += ["--follow-up", str(args.follow_up)] if args.follow_up is not None else []
    return shlex.join(words)


def _finish(args: argparse.Namespace, session: IntakeSession, base: RuleBase) -> tuple[dict, dict]:
    """Check the answers against the contract and keep them; the checked answers and the advice."""
    from engine.advise import Advisor
    from engine.answers import KEYS
    from engine.yamlsource import Document

    given = session.answers()
    ordered = {key: given[key] for key in KEYS if key in given}
    adv = Advisor(base)
    answers = adv.check(Document("<intake>", ordered))
    advice = adv.advise(answers, args.lang)
    _keep(args, ordered, answers, advice, session)
    return answers, advice


def _keep(args: argparse.Namespace, ordered: dict, answers: dict, advice: dict, session: IntakeSession) -> None:
    """Write the --out file (the contract's answers, as given) and save the intake in the store.

    When the store fails or the client stops while it waits, the --out file just written is
    removed again: the answers wait in the resume file, and carrying on must be able to write it.
    """
    from .. import store
    from ..intake import answers_file

    if args.out:
        answers_file.write(args.out, ordered)
    try:
        with store.open_store(args.db) as kept:
            number = kept.save_intake(answers, advice, args.lang, accepted_at=session.accepted,
                                      severities=session.severities())
    except BaseException:
        if args.out:
            Path(args.out).unlink(missing_ok=True)
        raise
    sys.stderr.write(store.STORE_TEXTS.say("saved", args.lang, number=number) + "\n")


def _thank(args: argparse.Namespace, answers: dict, advice: dict, base: RuleBase) -> int:
    """Thank the client; show the advice when asked."""
    from ..intake.prompts import show

    show()
    show(say("done", args.lang))
    if args.out:
        show(say("saved_file", args.lang, path=args.out))
    if args.show_advice:
        from ..summary.formats import render
        from ..summary.render_text import wants_colour

        show()
        summary = render(answers, advice, base, args.lang, "text", colour=wants_colour(sys.stdout))
        sys.stdout.write(summary + "\n")
    return 0
