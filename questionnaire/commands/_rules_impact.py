"""`magnesium rules impact DIR`: every stored intake advised again with the rules in DIR.

The store is opened read-only: this is a look at what an edit would do, never a change to the
advice a client was given. Each intake is compared with its stored advice (made with the rules
of its day, which the store keeps); one line per intake that changes, then the count. Over many
intakes a progress bar shows on the terminal (common/progress.py).
"""
from __future__ import annotations

import sys
from typing import Any, Callable

from .rules_texts import RULES_TEXTS


def impact(folder: str, db: str | None, lang: str) -> int:
    from engine.advise import Advisor
    from engine.impact import changes
    from engine.rulebase import load

    from .. import store
    from ..common.formatting import one_line
    from ..common.progress import progress
    from .command_texts import COMMAND_TEXTS

    adv = Advisor(load(folder))  # a broken rule base: its lines, exit 2, before the store is opened
    with store.open_read_only(db) as kept:
        intakes = kept.list_intakes()
    changed, damaged = 0, 0
    with progress(COMMAND_TEXTS.say("progress_impact", lang), COMMAND_TEXTS.say("progress_of", lang),
                  total=len(intakes)) as done:
        for intake in intakes:
            found = _changes(intake, adv, changes)
            done.step()
            if found is None:  # damaged: one line on standard error; the others are compared all the same
                damaged += 1
                done.say([store.StoreProblem.about(store.where(db), "intake", "intake_unreadable", number=intake.number,
                                                   column=intake.broken or "answers").render(lang)], sys.stderr)
            if not found:
                continue
            changed += 1
            said = "; ".join(RULES_TEXTS.say(code, lang, **params) for code, params in found)
            client = one_line(intake.client or "") or RULES_TEXTS.say("no_client", lang)
            done.say([RULES_TEXTS.say("impact_line", lang, number=intake.number, client=client, changes=said)],
                     sys.stdout)
    sys.stdout.write(RULES_TEXTS.say("impact_done", lang, changed=changed, intakes=len(intakes), folder=folder) + "\n")
    return 2 if damaged else 0


def _changes(intake: Any, adv: Any, changes: Callable[..., list]) -> list | None:
    """What the rules in the folder change in this intake's advice; None where the stored row
    cannot be read or is of the wrong shape (it is reported, the others are compared)."""
    if intake.broken:
        return None
    try:
        return changes(intake.advice, adv.advise(intake.answers, intake.lang))
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):  # readable, of the wrong shape
        return None
