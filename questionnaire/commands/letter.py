"""`magnesium letter N --out brief.pdf` (or .html, .md): the letter to the GP about intake N.

Wherever the advice says doctor first or is blocked, and on request for any intake. It comes
from the practice (practice.yaml, required here: a letter needs its sender), is about the client
by the name and year of birth the practitioner gives (--name, --born, else asked in the
terminal; the year is checked against the intake's age), and uses the advice that stands now
(the latest follow-up's, if any), in the intake's language unless --lang says otherwise. The
doctor's answer, once back, goes into the plan (`doctor_answer:`; see docs/handout-and-letter.md).
"""
from __future__ import annotations

import argparse
from functools import partial
from typing import TYPE_CHECKING, Callable, NamedTuple

from ..common.formatting import one_line

if TYPE_CHECKING:
    from ..common.document import Printout
    from ..plan.standing import Standing
    from ..store import StoredIntake

PROG = "magnesium letter"
MAX_NAME = 100
Check = Callable[[str], "dict | None"]  # what is wrong with a typed answer (an error's words), or None


def register(sub: argparse._SubParsersAction) -> None:
    from ._documents import register as document_command

    parser = document_command(sub, "letter", run)
    parser.add_argument("--name", metavar="NAME", help="the client's name as the GP knows it (else asked)")
    parser.add_argument("--born", metavar="YEAR", help="the client's year of birth (else asked)")
    parser.add_argument("--to", metavar="WHOM", help="whom the letter is to (default: the client's GP)")


def run(args: argparse.Namespace) -> int:
    from engine.errors import BadInput

    from ..letter.letter_texts import LetterProblem
    from ._documents import asked, write_document

    given = asked(PROG, args)
    if given.practice is None:
        raise BadInput([LetterProblem.about(PROG, "--practice", "no_practice")])
    name, born = _who(args, given.intake, given.lang)
    doc = make_letter(given.intake, given.now, given.plans, given.practice, Whom(name, born, args.to), args.rules,
                      given.lang)
    write_document(doc, given.path, given.fmt, args.number, "letter", given.lang, args.db)
    return 0


class Whom(NamedTuple):
    """Whom the letter is about (the name as the GP knows it, the year of birth) and to (None:
    the client's GP), as checked by name_wrong and born_wrong."""

    name: str
    born: int
    to: str | None = None


def make_letter(intake: StoredIntake, now: Standing, plans: list[dict], practice: dict, whom: Whom,
                rules: str | None, lang: str) -> Printout:
    """The letter about an intake from the advice that stands now (the latest follow-up's, whose
    answers it then gives), with the latest plan if any, dated today: for this command and the
    browser's workspace alike."""
    from engine.advise import advisor

    from ..common.clock import now as clock
    from ..letter.content import Client, build_letter
    from ..plan.standing import advice_in

    client = Client(whom.name, whom.born, intake.created_at[:10],
                    now.follow_up["created_at"][:10] if now.follow_up else None, whom.to)
    adv = advisor(rules)
    return build_letter(now.answers, advice_in(now, adv, lang), plans[-1]["plan"] if plans else None, practice,
                        client, adv.base, lang, clock().date())


def _who(args: argparse.Namespace, intake: StoredIntake, lang: str) -> tuple[str, int]:
    """The client's name and year of birth: the options, else asked in the terminal (the intake's
    name ready); each checked, the year against the intake's age on its date."""
    from engine.errors import BadInput

    from ..intake.screen import on_a_terminal
    from ..letter.letter_texts import LetterProblem

    if (args.name is None or args.born is None) and not on_a_terminal():
        raise BadInput([LetterProblem.about(PROG, "--name --born", "not_a_terminal")])
    checks: dict[str, tuple[str, Check]] = {"--name": ("name", name_wrong),
                                            "--born": ("born", partial(born_wrong, intake))}
    given = {"--name": args.name, "--born": args.born}
    for option, default in (("--name", intake.client or ""), ("--born", "")):
        if given[option] is None:
            given[option] = _asked(*checks[option], default, lang)
    found = [LetterProblem.about(PROG, option, code, **params) for option, (code, check) in checks.items()
             if (params := check(given[option])) is not None]
    if found:
        raise BadInput(found)
    return one_line(given["--name"]), int(given["--born"])


def name_wrong(name: str) -> dict | None:
    """What is wrong with a name (the parameters of err_name's words here, of the letter page's
    in the browser), or None."""
    return None if 0 < len(one_line(name)) <= MAX_NAME else {"max": MAX_NAME, "got": repr(name)}


def born_wrong(intake: StoredIntake, born: str) -> dict | None:
    """What is wrong with a year of birth (the parameters of err_born's words, or the letter
    page's), or None: it must fit the intake's age on its date (a birthday before or after it)."""
    year, age = int(intake.created_at[:4]), intake.answers.get("age", 0)
    low, high = year - age - 1, year - age
    if born.strip().isdecimal() and low <= int(born) <= high:
        return None
    return {"low": low, "high": high, "age": age, "date": intake.created_at[:10], "got": repr(born)}


def _asked(code: str, check: Check, default: str, lang: str) -> str:
    """A typed answer (ask_<code>), checked as it is typed with the words of err_<code>
    (intake/prompts.py, the one module with questionary)."""
    from ..intake.prompts import type_in
    from ..letter.letter_texts import LETTER_TEXTS

    def problem(entry: str) -> str | None:
        wrong = check(entry)
        return None if wrong is None else LETTER_TEXTS.say(f"err_{code}", lang, **wrong)

    return type_in(LETTER_TEXTS.say(f"ask_{code}", lang), default, problem, lang).strip()
