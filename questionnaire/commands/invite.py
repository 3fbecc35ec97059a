"""`magnesium invite`: a one-time code that opens one web intake for one client.

    magnesium invite                                  a new code, valid 24 hours, shown once
    magnesium invite --url https://praktijk.lan:8443/ the link with the code, and its QR code
    magnesium invite --card kaart.html                a page with the code (and QR code) to print or show
    magnesium invite --list                           every code: open, expired, revoked, used
    magnesium invite --revoke 3                       code 3 opens nothing any more; its answers are erased
    magnesium invite --renew 3                        a new code for unfinished intake 3, its answers kept

The store keeps a code's hash only, so a code cannot be shown again: a lost one is revoked or
renewed. The code is in the link after '#', which a browser never sends to the server: it stays
out of the server's and any proxy's logs. The QR code needs the `web` extra (segno).
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import BadInput

from .command_texts import COMMAND_TEXTS, CommandProblem

if TYPE_CHECKING:
    from ..web.codes import NewCode

PROG = "magnesium invite"
_ALONE = ("list", "revoke", "renew")


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db
    from ..web.codes import DEFAULT_HOURS

    parser = sub.add_parser("invite", help="a one-time code for a client's intake in the browser")
    parser.add_argument("--hours", metavar="HOURS", type=int, default=DEFAULT_HOURS,
                        help="how long the code works (default 24)")
    parser.add_argument("--url", metavar="URL",
                        help="the address of magnesium serve: print the link with the code and its QR code")
    parser.add_argument("--card", metavar="FILE",
                        help="write a page (.html) with the code and QR code, to print or show")
    parser.add_argument("--list", action="store_true", help="every code: open, expired, revoked or used")
    parser.add_argument("--revoke", metavar="N", type=int,
                        help="code N opens nothing any more; its answers so far are erased")
    parser.add_argument("--renew", metavar="N", type=int, help="a new code for unfinished intake N (its answers kept)")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _check(args)
    from .. import store
    from ..web import codes

    with store.open_store(args.db) as kept:
        if args.list:
            from ._invite_list import invite_lines

            clients = {c.number: c.name for c in kept.client_records()}
            sys.stdout.write("\n".join(invite_lines(kept.invites(), args.lang, clients)) + "\n")
            return 0
        if args.revoke is not None:
            if not kept.revoke_invite(args.revoke):
                raise _closed(kept, args.revoke, "--revoke")
            _tell("invite_revoked", args.lang, number=args.revoke)
            return 0
        made = codes.renew(kept, args.renew, args.hours) if args.renew is not None else \
            codes.create(kept, args.hours, args.lang)
        if made is None:
            raise _closed(kept, args.renew, "--renew")
    _show(made, args)
    return 0


def _check(args: argparse.Namespace) -> None:
    """Every option problem at once, before the store is touched."""
    from ..web.codes import MAX_HOURS

    given = [f"--{name}" for name in _ALONE if getattr(args, name) not in (None, False)]
    found = [CommandProblem.about(PROG, option, "invite_alone", option=option, other=given[0]) for option in given[1:]]
    if (args.list or args.revoke is not None) and (args.url or args.card):
        found.append(CommandProblem.about(PROG, "--url" if args.url else "--card", "invite_new_only", option=given[0]))
    if not 1 <= args.hours <= MAX_HOURS:
        found.append(CommandProblem.about(PROG, "--hours", "invite_hours", hi=MAX_HOURS, got=args.hours))
    if args.url and not args.url.lower().startswith(("http://", "https://")):
        found.append(CommandProblem.about(PROG, "--url", "invite_url", got=repr(args.url)))
    if args.card:
        card = Path(args.card).expanduser()
        if card.suffix.lower() not in (".html", ".htm"):
            found.append(CommandProblem.about(PROG, "--card", "invite_card", got=repr(args.card)))
        elif not card.parent.is_dir():
            found.append(CommandProblem.about(str(card), "--card", "export_folder", folder=card.parent))
    if found:
        raise BadInput(found)


def _closed(kept: object, number: int, option: str) -> BadInput:
    """Why code N cannot be revoked or renewed: unknown, used up, or revoked already."""
    found = kept.invite(number)  # type: ignore[attr-defined]
    state = "unknown" if found is None else found.state()
    return BadInput([CommandProblem.about(PROG, option, f"invite_{state}", number=number,
                                          intake=getattr(found, "intake", None))])


def _show(made: NewCode, args: argparse.Namespace) -> None:
    """The code (once: only its hash is kept), until when, the link and QR code, the card."""
    until = _moment(made.expires_at)
    sys.stdout.write(COMMAND_TEXTS.say("invite_code", args.lang, code=made.shown) + "\n")
    sys.stdout.write(COMMAND_TEXTS.say("invite_until", args.lang, number=made.number, until=until) + "\n")
    link = f"{args.url.rstrip('/')}/#{made.shown}" if args.url else None
    if link:
        sys.stdout.write(COMMAND_TEXTS.say("invite_link", args.lang, link=link) + "\n")
        if sys.stdout.isatty():
            import segno

            segno.make(link, error="m").terminal(out=sys.stdout, compact=True)
    if args.card:
        from ..common.private_files import write_private
        from ..web.card import card

        write_private(Path(args.card).expanduser(), card(made.shown, until, args.url, link, args.lang))
        _tell("invite_card_written", args.lang, path=args.card)
    sys.stdout.flush()


def _moment(moment: datetime) -> str:
    """As the lists show a time: 2026-12-06 09:15."""
    return moment.isoformat()[:16].replace("T", " ")


def _tell(key: str, lang: str, **params: object) -> None:
    sys.stderr.write(COMMAND_TEXTS.say(key, lang, **params) + "\n")
