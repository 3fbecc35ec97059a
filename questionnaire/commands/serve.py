"""`magnesium serve`: the practice's own web server for the intake on a tablet or phone.

    magnesium serve                                   this computer only: http://127.0.0.1:8765/
    magnesium serve --host 0.0.0.0 --cert c.pem --key k.pem    the practice network, over TLS
    magnesium serve --behind-proxy                    behind a reverse proxy that does the TLS

It binds to 127.0.0.1 unless told otherwise, and refuses any other address without TLS: answers
about health never cross a network unencrypted. Every option is checked before the rule base is
loaded; the web packages (the `web` extra) are imported here only, so the other commands start
as fast as before. Ctrl-C (or SIGTERM) stops it; what a client answered is in the store already.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

from engine.errors import BadInput

from .command_texts import COMMAND_TEXTS, CommandProblem

PROG = "magnesium serve"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
IDLE_MINUTES = (1, 30)  # "Ben je er nog?" after this many idle minutes: the range allowed


def register(sub: argparse._SubParsersAction) -> None:
    from ..cli import add_common, add_db

    parser = sub.add_parser("serve", help="the intake in the browser: the practice's own web server")
    parser.add_argument("--host", metavar="HOST", default=DEFAULT_HOST,
                        help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", metavar="PORT", type=int, default=DEFAULT_PORT, help="port (default 8765)")
    parser.add_argument("--cert", metavar="FILE", help="TLS certificate (PEM), with --key")
    parser.add_argument("--key", metavar="FILE", help="TLS private key (PEM), with --cert")
    parser.add_argument("--behind-proxy", action="store_true", help="a reverse proxy in front does the TLS")
    parser.add_argument("--idle-minutes", metavar="MINUTES", type=int, default=4,
                        help="ask 'are you still there?' after this many idle minutes")
    add_db(parser)
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _check(args)
    try:
        from ..web.app import create_app
        from ..web.context import Settings
        from ..web.serving import address, make_server
    except ImportError as err:
        raise BadInput([CommandProblem.about(PROG, "web", "serve_web_missing", missing=err.name or str(err))]) from None
    from ..store import open_store

    open_store(args.db).close()  # a wrong --db is one line now, and the store is migrated before any page
    tls = bool(args.cert) or args.behind_proxy
    app = create_app(Settings(db=args.db, rules=args.rules, lang=args.lang, tls=tls, behind_proxy=args.behind_proxy,
                              idle_warn_s=args.idle_minutes * 60))
    try:
        server = make_server(app, args.host, args.port, args.cert, args.key)
    except OSError as err:  # the port is taken, the address is not this computer's, or the TLS files
        raise BadInput([CommandProblem.about(PROG, "--host" if not args.cert else "--cert", "serve_address",
                                             reason=err.strerror or str(err))]) from None
    url = address(server, bool(args.cert))
    _tell(args, url)
    signal.signal(signal.SIGTERM, _stop_as_ctrl_c)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    sys.stderr.write(COMMAND_TEXTS.say("serve_stopped", args.lang) + "\n")
    return 0


def _stop_as_ctrl_c(*_: object) -> None:
    """SIGTERM (a service manager, `kill`) stops the server as Ctrl-C does."""
    raise KeyboardInterrupt


def _check(args: argparse.Namespace) -> None:
    """Every option problem at once, before anything is loaded."""
    from ..web.serving import loopback

    found = []
    if bool(args.cert) != bool(args.key):
        found.append(CommandProblem.about(PROG, "--key" if args.cert else "--cert", "serve_pair"))
    for option, given in (("--cert", args.cert), ("--key", args.key)):
        if given and not Path(given).is_file():
            found.append(CommandProblem.about(given, option, "serve_file"))
    if not loopback(args.host) and not (args.cert or args.behind_proxy):
        found.append(CommandProblem.about(PROG, "--host", "serve_tls_needed", host=args.host))
    if not 0 <= args.port <= 65535:
        found.append(CommandProblem.about(PROG, "--port", "serve_port", got=args.port))
    if not IDLE_MINUTES[0] <= args.idle_minutes <= IDLE_MINUTES[1]:
        found.append(CommandProblem.about(PROG, "--idle-minutes", "serve_idle", lo=IDLE_MINUTES[0], hi=IDLE_MINUTES[1],
                                          got=args.idle_minutes))
    if found:
        raise BadInput(found)


def _tell(args: argparse.Namespace, url: str) -> None:
    """Where the intake is, who can reach it and how it is protected, how to make a code."""
    from ..web.serving import loopback

    def say(key: str, **params: Any) -> None:
        sys.stdout.write(COMMAND_TEXTS.say(key, args.lang, **params) + "\n")

    say("serve_ready", url=url)
    if args.cert:
        say("serve_tls", host=args.host)
    elif args.behind_proxy:
        say("serve_proxy")
    if loopback(args.host):
        say("serve_local", host=args.host)
    say("serve_code", url=url)
    say("serve_stop")
    sys.stdout.flush()
