"""`magnesium rules impact DIR`: every stored intake advised again with the rules in DIR.

The store is opened read-only: this is a look at what an edit would do, never a change to the
advice a client was given. Each intake is compared with its stored advice (made with the rules
of its day, which the store keeps); one line per intake that changes, then the count.
"""
from __future__ import annotations

import sys

from .rules_texts import RULES_TEXTS


def impact(folder: str, db: str | None, lang: str) -> int:
    from engine.advise import Advisor
    from engine.impact import changes
    from engine.rulebase import load

    from ..common.formatting import printable
    from .. import store

    adv = Advisor(load(folder))  # a broken rule base: its lines, exit 2, before the store is opened
    with store.open_read_only(db) as kept:
        intakes = kept.list_intakes()
    changed, damaged = 0, 0
    for intake in intakes:
        try:
            found = None if intake.broken else changes(intake.advice, adv.advise(intake.answers, intake.lang))
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):  # readable, of the wrong shape
            found = None
        if found is None:  # damaged: one line on standard error; the others are compared all the same
            damaged += 1
            sys.stderr.write(store.StoreProblem.about(store.where(db), "intake", "intake_unreadable", number=intake.number,
                                                      column=intake.broken or "answers").render(lang) + "\n")
        if not found:
            continue
        changed += 1
        said = "; ".join(RULES_TEXTS.say(code, lang, **params) for code, params in found)
        client = " ".join(printable(intake.client or "").split()) or RULES_TEXTS.say("no_client", lang)
        sys.stdout.write(RULES_TEXTS.say("impact_line", lang, number=intake.number, client=client, changes=said) + "\n")
    sys.stdout.write(RULES_TEXTS.say("impact_done", lang, changed=changed, intakes=len(intakes), folder=folder) + "\n")
    return 2 if damaged else 0
