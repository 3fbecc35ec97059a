"""Whom the letter to the GP is about, for the workspace's pages: the name as the GP knows it, the
year of birth and whom it is to, taken from the client's details or as typed on the letter page,
checked as `magnesium letter` checks --name and --born (commands/letter.name_wrong, born_wrong);
and why the pages offer the letter (the advice that stands now is blocked, says doctor first, or
neither: on request). Plain logic, no pages: the intake's, the client's and the letter's pages use it.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..common.dates import written_day
from ..common.formatting import one_line, unsafe
from .web_texts import WEB_TEXTS

FIELDS = ("name", "born", "to")
MAX_TO = 200  # as a client's GP (client_pages.LIMITS)
LANGS = ("nl", "en")


def why(advice: dict) -> str:
    """Why the letter is offered: the advice is 'blocked', says 'doctor_first', or on 'request'."""
    return "blocked" if advice.get("blocked") else "doctor_first" if advice.get("doctor_first") else "request"


def from_client(client: Any) -> dict[str, str]:
    """The letter's fields from a client's details (empty where unknown; {} for no client)."""
    if client is None:
        return {}
    return {"name": client.name or "", "born": (client.birth or "")[:4], "to": client.gp or ""}


def problems(intake: Any, values: Mapping[str, str], lang: str) -> dict[str, str]:
    """What is wrong with each field, in the page's words; the name and the year are checked as
    `magnesium letter` checks --name and --born."""
    from ..commands.letter import born_wrong, name_wrong

    errors = {}
    if (wrong := name_wrong(values.get("name", ""))) is not None:
        errors["name"] = WEB_TEXTS.say("letter_name_bad", lang, max=wrong["max"])
    if (wrong := born_wrong(intake, values.get("born", ""))) is not None:
        errors["born"] = WEB_TEXTS.say("letter_born_bad", lang, low=wrong["low"], high=wrong["high"], age=wrong["age"],
                                       date=written_day(intake.created_at, lang))
    if len(one_line(values.get("to", ""))) > MAX_TO:
        errors["to"] = WEB_TEXTS.say("client_too_long", lang, max=MAX_TO)
    errors.update({field: WEB_TEXTS.say("note_unprintable", lang) for field in FIELDS if unsafe(values.get(field, ""))})
    return errors


def ready(intake: Any, client: Any) -> bool:
    """The client's details make the letter as they are: the pages link the letter itself."""
    return client is not None and not problems(intake, from_client(client), "nl")


def offer(intake: Any, advice: dict, client: Any) -> dict[str, Any]:
    """How the intake's and the client's pages offer the letter: why (the advice that stands
    now), whether the client's details make it as they are, and those details."""
    return {"why": why(advice), "ready": ready(intake, client), **from_client(client)}
