"""`magnesium intake`: a client answers the questionnaire in the terminal.

The first screen (welcome, disclaimer, kidney warning) needs only questionary and two small text
files, so it comes as fast as questionary loads; the rule base and the questions are loaded
after the client's yes. Ctrl-C or Ctrl-D at any point asks nothing more: the answers so far go
to the resume file (see resume.py) and the command says how to carry on (exit 130).
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import BadInput

from ..intake.screen import IntakeProblem, say

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

    from ..intake.session import Intake


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("intake", help="the questionnaire for a client, in the terminal")
    parser.add_argument("--out", metavar="FILE",
                        help="also write the answers file (the contract's format), readable by you only")
    parser.add_argument("--resume", action="store_true", help="carry on with an intake that was interrupted")
    parser.add_argument("--show-advice", action="store_true",
                        help="print the summary of the advice at the end, for the practitioner beside the client")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Refuse what cannot work before the first screen; then the disclaimer; then the questions."""
    lang = args.lang
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        sys.stderr.write(say("not_a_terminal", lang) + "\n")
        return 2
    from ..intake import resume_file as resume

    check_out(args.out)
    where = resume.resume_path(args.out)
    from ..intake import prompts as ask

    try:
        args.resume = args.resume or (where.exists() and carry_on(where, lang))
        saved, accepted = resume.load(where) if args.resume else ({}, None)
        agreed = ask.start(lang, *first_texts(args.rules, lang))
    except (KeyboardInterrupt, EOFError):
        if where.exists():  # the interrupted intake still waits
            return stopped(args, where)
        ask.show()
        ask.show(say("interrupted_nothing", lang))
        return 130
    if not agreed:
        ask.show(say("declined", lang))
        return 0
    from ..store import now  # local time with its offset, as the intake is stamped; not before the first screen

    return interview(args, saved, accepted or now().isoformat())


def carry_on(where: Path, lang: str) -> bool:
    """An interrupted intake waits: True to carry on with it (as --resume), False to start again.

    A new intake would replace the waiting answers at its first Ctrl-C, so the client chooses
    first; starting again deletes them there and then, as the choice says.
    """
    from ..intake.prompts import resume_or_new

    if resume_or_new(lang):
        return True
    where.unlink(missing_ok=True)
    return False


def check_out(out: str | None) -> None:
    """Refuse an --out file before anything is asked, so no answers are lost at the end."""
    if out is None:
        return
    path = Path(out)
    if path.exists():
        raise BadInput([IntakeProblem(out, "--out", "out_exists")])
    folder = path.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise BadInput([IntakeProblem(str(folder), "--out", "out_folder")])


def first_texts(rules_dir: str | None, lang: str) -> tuple[str, str]:
    """The article's disclaimer and kidney warning, from the rule base's texts.yaml alone (fast).

    Rule files may be arranged otherwise (--rules): then the whole rule base is read for them.
    """
    import yaml

    from engine.paths import default_dir

    from ..intake.screen import quick_yaml

    try:
        found = quick_yaml(Path(rules_dir or default_dir()) / "texts.yaml")["texts"]
        return found["disclaimer"][lang], found["kidney_warning"][lang]
    except (OSError, yaml.YAMLError, LookupError, TypeError):
        from engine.rulebase import load

        base = load(rules_dir)
        return base.text("disclaimer", lang), base.text("kidney_warning", lang)


def again(args: argparse.Namespace) -> str:
    """The command that carries on with this intake, with the options it was started with."""
    words = ["magnesium", "intake", "--resume"]
    words += ["--lang", args.lang] if args.lang != "nl" else []
    words += ["--out", args.out] if args.out else []
    words += ["--rules", args.rules] if args.rules else []
    words += ["--db", args.db] if args.db else []
    words += ["--show-advice"] if args.show_advice else []
    return shlex.join(words)


def stopped(args: argparse.Namespace, where: Path) -> int:
    """Say where the answers wait and the command to carry on (on a line of its own, to copy)."""
    from ..intake.prompts import show

    show()
    show(say("interrupted", args.lang, path=where))
    sys.stdout.write(f"  {again(args)}\n")
    return 130


def interview(args: argparse.Namespace, saved: dict, accepted: str) -> int:
    """Ask every question that applies, then the review; save what there is on an interruption."""
    from engine.rulebase import load

    from ..intake import prompts as ask, questions, resume_file as resume
    from ..intake.session import Intake

    base = load(args.rules)
    intake = Intake(questions.load(base), base)
    if args.resume:
        intake.restore(saved)
        ask.show()
        ask.show(say("resuming", args.lang))
    try:
        ask_pending(intake, args.lang)
        while (key := ask.review(intake, args.lang)) is not None:
            before = intake.reopen(key)
            ask_pending(intake, args.lang)
            intake.reopen_grown(before)
            ask_pending(intake, args.lang)
    except (KeyboardInterrupt, EOFError):
        return put_aside(args, {**intake.previous, **intake.answered}, accepted)
    return conclude(args, intake, base, accepted)


def put_aside(args: argparse.Namespace, answered: dict, accepted: str) -> int:
    """Keep the answers in the resume file and say how to carry on (130).

    When even the resume file cannot be written, the answers are shown on the screen as a last
    resort, so the practitioner can copy them (2).
    """
    from ..intake import resume_file as resume

    where = resume.resume_path(args.out)
    try:
        resume.save(where, answered, accepted)
    except OSError as err:
        return show_unsaved(args, where, answered, accepted, err)
    return stopped(args, where)


def show_unsaved(args: argparse.Namespace, where: Path, answered: dict, accepted: str, err: OSError) -> int:
    """One line that says why, then the answers as the resume file would hold them (exit 2)."""
    from ..intake import resume_file as resume

    sys.stdout.write("\n" + say("resume_unsaved", args.lang, path=where, reason=err.strerror or str(err)) + "\n")
    sys.stdout.write(resume.dump(resume.content(answered, accepted)))
    sys.stdout.flush()
    return 2


def conclude(args: argparse.Namespace, intake: Intake, base: RuleBase, accepted: str) -> int:
    """Keep the answers, with the resume file as a safety net until they are kept.

    The resume file is written before anything can wait or fail (the store may be busy for up to
    30 s), so a Ctrl-C or a store error there loses nothing: the client is told where the answers
    wait and how to carry on, as after a stop during the questions. It goes once all is kept.
    """
    from ..intake import resume_file as resume

    where = resume.resume_path(args.out)
    try:
        resume.save(where, intake.answered, accepted)
        parked = True
    except OSError:  # not yet lost: kept below, or shown on the screen if that fails too
        parked = False
    try:
        answers, advice = finish(args, intake, base, accepted)
    except (KeyboardInterrupt, EOFError):
        return stopped(args, where) if parked else put_aside(args, intake.answered, accepted)
    except BadInput as err:
        for line in dict.fromkeys(problem.render(args.lang) for problem in err.problems):
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        if parked:
            stopped(args, where)
        else:
            put_aside(args, intake.answered, accepted)
        return 2
    where.unlink(missing_ok=True)
    return thank(args, answers, advice, base)


def ask_pending(intake: Intake, lang: str) -> None:
    """Ask, one at a time, every question that applies and has no answer yet."""
    from ..intake.prompts import ask

    while (step := intake.pending()) is not None:
        intake.give(step.question, ask(intake, step, lang))


def finish(args: argparse.Namespace, intake: Intake, base: RuleBase, accepted: str) -> tuple[dict, dict]:
    """Check the answers against the contract and keep them; the checked answers and the advice."""
    from engine.advise import Advisor
    from engine.answers import KEYS
    from engine.yamlsource import Document

    given = intake.answers()
    ordered = {key: given[key] for key in KEYS if key in given}
    adv = Advisor(base)
    answers = adv.check(Document("<intake>", ordered))
    advice = adv.advise(answers, args.lang)
    keep(args, ordered, answers, advice, accepted)
    return answers, advice


def thank(args: argparse.Namespace, answers: dict, advice: dict, base: RuleBase) -> int:
    """Thank the client; show the advice when asked."""
    from ..intake.prompts import show

    show()
    show(say("done", args.lang))
    if args.out:
        show(say("saved_file", args.lang, path=args.out))
    if args.show_advice:
        from ..summary.render_text import wants_colour
        from ..summary.build import render

        show()
        summary = render(answers, advice, base, args.lang, "text", colour=wants_colour(sys.stdout))
        sys.stdout.write(summary + "\n")
    return 0


def keep(args: argparse.Namespace, ordered: dict, answers: dict, advice: dict, accepted: str) -> None:
    """Write the --out file (the contract's answers, as given) and save the intake in the store.

    When the store fails or the client stops while it waits, the --out file just written is
    removed again: the answers wait in the resume file, and carrying on must be able to write it.
    """
    from ..intake import resume_file as resume
    from ..common.private_files import write_private
    from ..store import open_store
    from ..summary.summary_texts import say as store_say

    out = Path(args.out) if args.out else None
    if out:
        try:
            write_private(out, resume.dump(ordered))
        except OSError as err:
            raise BadInput([IntakeProblem(args.out, "--out", "out_write", (("reason", err.strerror or str(err)),))]) \
                from None
    try:
        with open_store(args.db) as store:
            number = store.save_intake(answers, advice, args.lang, accepted_at=accepted)
    except BaseException:
        if out:
            out.unlink(missing_ok=True)
        raise
    sys.stderr.write(store_say("saved", args.lang, number=number) + "\n")
