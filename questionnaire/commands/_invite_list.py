"""The web intake's codes as a table for the practitioner: every code (`magnesium invite
--list`), and the intakes begun in the browser but not sent (below `magnesium review`'s list).

A helper of both commands. A draft holds the client's name once the first question is answered;
how far the client came is the number of answers of the questions that applied then.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .command_texts import COMMAND_TEXTS

if TYPE_CHECKING:
    from ..store.invites import Invite

WIDTH = 80


def _moment(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "-"


def _name(invite: Invite) -> str:
    """The client's answer to the name question so far ('' when none)."""
    from ..common.formatting import printable

    name = (invite.draft or {}).get("answers", {}).get("client")
    return printable(name) if isinstance(name, str) else ""


def _client(invite: Invite, lang: str, clients: dict[int, str] | None = None) -> str:
    """The name the client typed so far, else (a code made on a client's page) the client's name."""
    from ..common.formatting import one_line

    kept = (clients or {}).get(invite.client_number or 0)
    return _name(invite).strip() or (one_line(kept) if kept else "") or COMMAND_TEXTS.say("invite_no_name", lang)


def _answered(invite: Invite, lang: str) -> str:
    draft = invite.draft or {}
    if not isinstance(draft.get("answers"), dict):
        return COMMAND_TEXTS.say("invite_not_begun", lang)
    return COMMAND_TEXTS.say("invite_answered", lang, answered=len(draft["answers"]), total=draft.get("total", "?"))


def _state(invite: Invite, lang: str) -> str:
    return COMMAND_TEXTS.say(f"invite_state_{invite.state()}", lang, intake=invite.intake)


def _table(header_keys: tuple[str, ...], rows: list[tuple[str, ...]], lang: str) -> list[str]:
    from ..summary.model import Table
    from ..summary.render_text import table_lines

    header = tuple(COMMAND_TEXTS.say(key, lang) for key in header_keys)
    return table_lines(Table(header, tuple(rows)), WIDTH)


def invite_lines(invites: list[Invite], lang: str, clients: dict[int, str] | None = None) -> list[str]:
    """Every code: its number, when made, until when, what became of it, whose (`clients`: the
    workspace's clients' names by number), how far."""
    if not invites:
        return [COMMAND_TEXTS.say("invite_none", lang)]
    rows = [(str(i.number), _moment(i.created_at), _moment(i.expires_at), _state(i, lang), _client(i, lang, clients),
             _answered(i, lang)) for i in invites]
    return _table(("list_number", "invite_made", "invite_until_head", "list_status", "list_client", "invite_progress"),
                  rows, lang)


def unfinished_lines(invites: list[Invite], lang: str, client: str | None = None) -> list[str]:
    """The intakes begun in the browser and not sent (open or expired): none, or a title and a table."""
    from ..store.invites import EXPIRED, OPEN

    begun = [i for i in invites if i.state() in (OPEN, EXPIRED) and isinstance((i.draft or {}).get("answers"), dict)]
    if client:
        begun = [i for i in begun if client.casefold() in _name(i).casefold()]
    if not begun:
        return []
    rows = [(str(i.number), _moment(i.answered_at), _client(i, lang), _answered(i, lang), _state(i, lang))
            for i in begun]
    return ["", COMMAND_TEXTS.say("invite_unfinished", lang),
            *_table(("invite_code_number", "invite_last_answer", "list_client", "invite_progress", "list_status"),
                    rows, lang)]
