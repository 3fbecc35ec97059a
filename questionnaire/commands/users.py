"""`magnesium users`: the practitioners' accounts of the web workspace (`magnesium serve`).

    magnesium users add anna              a new account; the password is asked twice, not shown
    magnesium users add anna --reset      a new password for anna (also unlocks; her browsers sign out)
    magnesium users list                  every account: since when, locked or not
    magnesium users remove anna           the account goes (what she wrote stays, the audit trail names her)

A password is read from the terminal without echo, or (for a script) as one line from standard
input with --password-stdin; it is never an option, so it never lands in the shell's history
or the process list. The store keeps its Argon2 hash only (web/passwords.py). Needs the `web` extra.
"""
from __future__ import annotations

import argparse
import sys

from engine.errors import BadInput

from .command_texts import COMMAND_TEXTS, CommandProblem

PROG = "magnesium users"
ACTIONS = ("add", "list", "remove")


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("users", help="the practitioners' accounts of the web workspace")
    parser.add_argument("action", choices=ACTIONS, metavar="ACTION", help="add, list or remove")
    parser.add_argument("name", nargs="?", metavar="NAME", help="the account's name (lower case: anna, p.devries)")
    parser.add_argument("--reset", action="store_true", help="with add: a new password for an existing account")
    parser.add_argument("--password-stdin", action="store_true", help="read the password as one line from standard input")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _check(args)
    from ..web import passwords

    try:
        passwords.hasher()
    except ImportError as err:
        raise BadInput([CommandProblem.about(PROG, "web", "serve_web_missing", missing=err.name or str(err))]) from None
    from ..store import open_store

    if args.action == "add":
        password = _password(args)
        with open_store(args.db) as kept:
            done = (kept.set_password if args.reset else kept.add_user)(args.name, passwords.hashed(password))
        if not done:
            raise BadInput([CommandProblem.about(PROG, args.name, "user_unknown" if args.reset else "user_exists",
                                                 name=args.name)])
        _say("user_password_set" if args.reset else "user_added", args.lang, name=args.name)
        return 0
    with open_store(args.db) as kept:
        if args.action == "list":
            _list(kept.users(), args.lang)
            return 0
        if not kept.remove_user(args.name):
            raise BadInput([CommandProblem.about(PROG, args.name, "user_unknown", name=args.name)])
    _say("user_removed", args.lang, name=args.name)
    return 0


def _check(args: argparse.Namespace) -> None:
    """Every option problem at once, before the store is touched."""
    found = []
    if args.action == "list" and args.name:
        found.append(CommandProblem.about(PROG, args.name, "user_list_alone"))
    if args.action != "list":
        from ..web.passwords import name_ok

        if not args.name:
            found.append(CommandProblem.about(PROG, "NAME", "user_name_missing", action=args.action))
        elif not name_ok(args.name):
            found.append(CommandProblem.about(PROG, "NAME", "user_name", got=repr(args.name)))
    if (args.reset or args.password_stdin) and args.action != "add":
        found.append(CommandProblem.about(PROG, "--reset" if args.reset else "--password-stdin", "user_add_only"))
    if found:
        raise BadInput(found)


def _password(args: argparse.Namespace) -> str:
    """The new password: from the terminal twice without echo, or one line of standard input."""
    from ..web.passwords import MAX_LENGTH, MIN_LENGTH, password_problem

    if args.password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        import getpass

        password = getpass.getpass(COMMAND_TEXTS.say("user_password_ask", args.lang, name=args.name))
        if password_problem(password) is None and getpass.getpass(COMMAND_TEXTS.say("user_password_again", args.lang)) != password:
            raise BadInput([CommandProblem.about(PROG, "password", "user_password_differs")])
    problem = password_problem(password)
    if problem:
        raise BadInput([CommandProblem.about(PROG, "password", f"user_{problem}", lo=MIN_LENGTH, hi=MAX_LENGTH,
                                             got=len(password))])
    return password


def _list(users: list, lang: str) -> None:
    from ..common.clock import now

    if not users:
        _say("user_none", lang)
        return
    moment = now()
    for user in users:
        state = COMMAND_TEXTS.say("user_locked", lang, until=user.locked_until[:16].replace("T", " ")) \
            if user.locked(moment) else ""
        sys.stdout.write(f"{user.name}  {COMMAND_TEXTS.say('user_since', lang, date=user.created_at[:10])}{state}\n")


def _say(key: str, lang: str, **params: object) -> None:
    sys.stdout.write(COMMAND_TEXTS.say(key, lang, **params) + "\n")
