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

from ..intake.screen import IntakeProblem, on_a_terminal, say

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

    from ..intake.resume_file import Parking
    from ..intake.session import IntakeSession


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("intake", help="the questionnaire for a client, in the terminal")
    parser.add_argument("--out", metavar="FILE",
                        help="also write the answers file (the contract's format), readable by you only")
    parser.add_argument("--resume", metavar="N", nargs="?", type=int, const=0, default=None,
                        help="carry on with interrupted intake N (without N: the one waiting, or the list of them)")
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
    from .. import store
    from ..intake import answers_file, resume_file

    if args.follow_up is not None:
        from . import _follow_up

        _follow_up.check(args)  # the intake exists, no option that belongs to a new intake
    parking = _parking(args)
    if args.resume is not None and args.follow_up is None and _kept_already(args, parking):
        return 0
    answers_file.check_free(args.out)
    resume_file.check_folder(parking.path or resume_file.waiting_path(args.db, 1), args.out, args.db)
    store.check_writable(args.db)  # a read-only store: one line before the first question, not after the last
    return intake(args, parking)


def _parking(args: argparse.Namespace) -> Parking:
    """Where this intake's answers wait if it is interrupted: a follow-up's and an --out intake's
    file, the waiting intake `--resume` names, or (a new intake) a number claimed at its first
    answer. A new intake never looks at another client's waiting answers."""
    from ..intake import resume_file
    from ..intake.resume_file import Parking

    if args.resume and (args.follow_up is not None or args.out):
        raise BadInput([IntakeProblem("magnesium intake", "--resume", "resume_number_alone",
                                      (("option", "--follow-up" if args.follow_up is not None else "--out"),))])
    if args.follow_up is not None:
        return Parking(resume_file.follow_up_path(args.db, args.follow_up))
    if args.out:
        where = resume_file.out_path(args.out)
        if args.resume is None and where.exists():  # a new intake would replace them
            raise BadInput([IntakeProblem(str(where), "--out", "resume_out_waiting")])
        return Parking(where)
    resume_file.adopt_legacy(args.db)
    if args.resume is None:
        return Parking(None, args.db)
    if args.resume:
        return Parking(resume_file.waiting_path(args.db, args.resume), args.db)
    return Parking(_the_one_waiting(args), args.db)


def _the_one_waiting(args: argparse.Namespace) -> Path:
    """`--resume` without a number: the one intake that waits; with several, their list (for
    the practitioner, on standard output) and a line that asks which (exit 2)."""
    from ..intake import resume_file

    found = resume_file.waiting_intakes(args.db)
    if len(found) == 1:
        return found[0][1]
    store = resume_file.waiting_path(args.db, 1).parent
    if not found:
        raise BadInput([IntakeProblem(str(store), "--resume", "resume_missing")])
    from ..intake.waiting_list import lines

    sys.stdout.write("\n".join(lines(found, args.lang)) + "\n")
    sys.stdout.flush()
    raise BadInput([IntakeProblem("magnesium intake", "--resume", "resume_choose", (("count", len(found)),))])


def _kept_already(args: argparse.Namespace, parking: Parking) -> bool:
    """Whether the waiting intake was stored already (the program was killed between storing it
    and removing its resume file): then the file goes, and `--resume` does not store it twice.
    It is recognised by when its disclaimer was accepted (to the second) and its client."""
    from .. import store
    from ..common.private_files import store_path
    from ..intake import resume_file

    if not parking.exists() or not store_path(args.db).is_file():
        return False
    answers, accepted = resume_file.load(parking.path)
    with store.open_read_only(args.db) as kept:
        same = [i.number for i in kept.list_intakes() if i.accepted_at == accepted
                and (i.client or None) == (answers.get("client") or None)]
    if not same:
        return False
    parking.remove()
    sys.stderr.write(say("resume_kept_already", args.lang, number=same[-1]) + "\n")
    return True


def intake(args: argparse.Namespace, parking: Parking) -> int:
    """The disclaimer, the questions, keeping the answers; the one place a stop is handled."""
    from ..intake.foreground import own_terminal
    from ..intake.stopped import IntakeStopped, catching_signals, exit_code, keeping, signalled

    with own_terminal(), catching_signals():
        try:
            code = _welcome_then_ask(args, parking)
        except IntakeStopped as stop:
            with keeping():
                if not stop.answered:  # stopped on the first screen or before the first answer: nothing to keep
                    return _how_to_carry_on(args, parking) if parking.exists() else _nothing_kept(args)
                code = _put_aside(args, parking, stop.answered, stop.accepted or "", stop.parked, stop.total)
            if stop.cause is not None:  # a bug ended the questions: the answers are kept, now report it
                raise stop.cause
            return code
        return exit_code() if code == 0 and signalled() else code  # a stop at the very end still ends as one


def _welcome_then_ask(args: argparse.Namespace, parking: Parking) -> int:
    from ..intake import first_screen
    from ..intake.prompts import show

    if args.follow_up is not None:
        from . import _follow_up

        return _follow_up.welcome_then_ask(args, parking, conclude, _park)
    agreed, saved, accepted = first_screen.welcome(args.lang, args.rules, parking.path, args.resume is not None)
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
    interview(session, args.lang, partial(_park, parking))

    def keep() -> Callable[[], int]:
        answers, advice = _finish(args, session, base)
        return partial(_thank, args, answers, advice, base)

    return conclude(args, parking, session, keep)


def _park(parking: Parking, answered: dict, accepted: str, total: int) -> None:
    """After every answer: the answers so far in the resume file. A failure here is not the
    end: they are kept again when the intake ends, and shown on the screen if that fails too."""
    try:
        parking.save(answered, accepted, total)
    except OSError:
        pass


def conclude(args: argparse.Namespace, parking: Parking, session: IntakeSession,
             keep: Callable[[], Callable[[], int]]) -> int:
    """Keep the answers (`keep`, which returns the closing screen), with the resume file as a
    safety net until they are kept.

    The resume file is written before anything can wait or fail (the store may be busy for up to
    30 s), so a stop or a store error there loses nothing: the client is told where the answers
    wait and how to carry on, as after a stop during the questions. Storing the intake and
    removing the resume file are one step that no signal splits (stopped.keeping): a signal then
    is taken after it, so the intake is never both stored and waiting (stored twice by --resume).
    """
    from ..intake import stopped

    total = len(session.steps())
    try:
        parking.save(session.answered, session.accepted, total)
        parked = True
    except OSError:  # not yet lost: kept below, or shown on the screen if that fails too
        parked = False
    try:
        stopped.check()  # a stop that came after the last answer: nothing is stored
        with stopped.keeping():
            close = keep()
            parking.remove()
    except (KeyboardInterrupt, EOFError):  # the stop above, or one the store raised while it waited
        raise stopped.IntakeStopped(session.answered, session.accepted, parked, total) from None
    except BadInput as err:
        for line in dict.fromkeys(problem.render(args.lang) for problem in err.problems):
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        _put_aside(args, parking, session.answered, session.accepted, parked, total)
        return 2
    return stopped.exit_code() if stopped.signalled() else close()  # stored; a stop meanwhile ends it now


def _put_aside(args: argparse.Namespace, parking: Parking, answered: dict, accepted: str, parked: bool,
               total: int | None = None) -> int:
    """Keep the answers in the resume file (unless `parked` there already) and say how to carry on
    (130, or 128 + the signal).

    When even the resume file cannot be written, the answers are shown on the screen as a last
    resort, so the practitioner can copy them (2).
    """
    if not parked:
        try:
            parking.save(answered, accepted, total)
        except OSError as err:
            return _show_unsaved(args, parking, answered, accepted, err)
    return _how_to_carry_on(args, parking)


def _show_unsaved(args: argparse.Namespace, parking: Parking, answered: dict, accepted: str, err: OSError) -> int:
    """One line that says why, then the answers as the resume file would hold them (exit 2)."""
    from ..common.texts import readable_yaml
    from ..intake import resume_file

    where = parking.path or resume_file.waiting_path(args.db, 1).parent
    sys.stdout.write("\n" + say("resume_unsaved", args.lang, path=where, reason=err.strerror or str(err)) + "\n")
    sys.stdout.write(readable_yaml(resume_file.content(answered, accepted)))
    sys.stdout.flush()
    return 2


def _how_to_carry_on(args: argparse.Namespace, parking: Parking) -> int:
    """Say where the answers wait and the command to carry on (on a line of its own, to copy);
    a waiting intake beside the store is named by its number only, never by the client's name."""
    from ..intake.prompts import show
    from ..intake.stopped import exit_code

    try:
        show()
        number = parking.number
        show(say("interrupted_number", args.lang, number=number) if number is not None
             else say("interrupted", args.lang, path=parking.path))
        sys.stdout.write(f"  {again(args, number)}\n")
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


def again(args: argparse.Namespace, number: int | None = None) -> str:
    """The command that carries on with this intake, with the options it was started with, as
    it can be typed here: `magnesium` when that is the program on the PATH, else the path it was
    started by (`make intake` starts .venv/bin/magnesium, which is not on the PATH)."""
    words = [_program(), "intake", "--resume", *([str(number)] if number is not None else [])]
    words += ["--lang", args.lang] if args.lang != "nl" else []
    words += ["--out", args.out] if args.out else []
    words += ["--rules", args.rules] if args.rules else []
    words += ["--db", args.db] if args.db else []
    words += ["--show-advice"] if args.show_advice else []
    words += ["--follow-up", str(args.follow_up)] if args.follow_up is not None else []
    return shlex.join(words)


def _program() -> str:
    """`magnesium` if the PATH finds this very program by that name, else how it was started."""
    import os
    import shutil

    started = sys.argv[0] if sys.argv else ""
    if os.path.basename(started) != "magnesium" or not os.path.exists(started):
        return "magnesium"
    found = shutil.which("magnesium")
    return "magnesium" if found and os.path.samefile(found, started) else started


def _finish(args: argparse.Namespace, session: IntakeSession, base: RuleBase) -> tuple[dict, dict]:
    """Keep the intake as the browser does too (intake/finish.py) and say under which number;
    the checked answers and the advice."""
    from engine.advise import Advisor

    from .. import store
    from ..intake.finish import finish

    with store.open_store(args.db) as kept:
        done = finish(session, Advisor(base), args.lang, kept, out=args.out)
    sys.stderr.write(store.STORE_TEXTS.say("saved", args.lang, number=done.number) + "\n")
    return done.answers, done.advice


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
