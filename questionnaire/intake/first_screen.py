"""The first screen: the disclaimer and the yes (a follow-up: first whether to carry on with
its waiting answers). A new intake never mentions another client's waiting answers: the
practitioner carries those on with `magnesium intake --resume N`.

Needs only questionary and two small text files, so it comes as fast as questionary loads; the
rule base and the questions are loaded after the client's yes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import BadInput

from . import prompts, resume_file
from .stopped import IntakeStopped, signalled


def welcome(lang: str, rules_dir: str | None, where: Path | None, resume: bool, follow_up: bool = False,
            client: str | None = None) -> tuple[bool, dict[str, Any] | None, str | None]:
    """Whether the client agreed, and the answers and accepted time of the intake carried on
    (None, None for a new one). Ctrl-C or Ctrl-D here: IntakeStopped without answers. A follow-up
    has a short welcome of its own (the disclaimer was accepted at the intake), and its waiting
    answers hold no name: `client` is the intake's (the practitioner named the intake)."""
    try:
        resume = resume or (follow_up and where is not None and where.exists() and carry_on(where, lang, client))
        saved, accepted = resume_file.load(where) if resume else (None, None)
        agreed = prompts.follow_up_start(lang) if follow_up else prompts.start(lang, *first_texts(rules_dir, lang))
    except (KeyboardInterrupt, EOFError):
        raise IntakeStopped() from None
    except OSError:  # a closed terminal fails while the prompt cleans up after the hang-up signal
        if not signalled():
            raise
        raise IntakeStopped() from None
    return agreed, saved, accepted


def carry_on(where: Path, lang: str, client: str | None = None) -> bool:
    """An interrupted follow-up of this intake waits: True to carry on with it (as --resume),
    False to start again.

    A new follow-up would replace the waiting answers at its first answer, so the client
    chooses first; starting again deletes them there and then, as the choice says.
    """
    if prompts.resume_or_new(lang, waiting_words(where, lang, client)):
        return True
    where.unlink(missing_ok=True)
    return False


def waiting_words(where: Path, lang: str, client: str | None = None) -> str:
    """Whose follow-up waits (the intake's client), since when and how far."""
    from ..common.formatting import one_line
    from .screen import say
    from .waiting_list import progress, started

    try:
        found = resume_file.waiting(where)
    except BadInput:  # not readable as an intake: still offered, so starting again can replace it
        return say("resume_found_unreadable", lang)
    name = found.client or (client if client and client.strip() else None)
    shown = one_line(name) if name else say("resume_no_name", lang)
    return say("resume_found", lang, client=shown, date=started(found.accepted, lang), progress=progress(found, lang))


def first_texts(rules_dir: str | None, lang: str) -> tuple[str, str]:
    """The article's disclaimer and kidney warning, from the rule base's texts.yaml alone (fast).

    Rule files may be arranged otherwise (--rules): then the whole rule base is read for them.
    """
    import yaml

    from engine.paths import default_dir

    from ..common.texts import quick_yaml

    try:
        found = quick_yaml(Path(rules_dir or default_dir()) / "texts.yaml")["texts"]
        return found["disclaimer"][lang], found["kidney_warning"][lang]
    except (OSError, yaml.YAMLError, LookupError, TypeError):
        from engine.rulebase import load

        base = load(rules_dir)
        return base.text("disclaimer", lang), base.text("kidney_warning", lang)
