"""The `magnesium` command: one subcommand per module, errors turned into exit codes.

Exit codes are the contract's: 0 done, 2 bad input (one line a problem on standard error,
nothing on standard output), 130 interrupted, 1 a bug. Subcommand modules keep their heavy
imports inside their run functions, so `magnesium intake` shows its first question fast.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from importlib import import_module
from pathlib import Path

from engine.errors import BadInput, problem

COMMANDS_DIR = Path(__file__).with_name("commands")


# argparse's own (English) messages, turned into the program's error lines in the user's language.
_ARGPARSE = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "arguments", "arg_required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "arguments", "arg_unknown"),
    (re.compile(r"argument (?P<key>\S+): invalid choice: (?P<got>'[^']*') \(choose from (?P<allowed>.+)\)"),
     None, "one_of"),
    (re.compile(r"argument (?P<key>\S+): invalid int value: (?P<got>'[^']*')"), None, "arg_number"),
    (re.compile(r"argument (?P<key>\S+): expected one argument"), None, "arg_value"),
)


def _lang(argv: list[str]) -> str:
    """The --lang of the command line, read before parsing succeeds (errors need it)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("nl", "en") else "nl"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in ("nl", "en") else "nl"
    return "nl"


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line on standard error and exit 2 (no usage dump)."""

    lang = "nl"  # set by main() from the command line before parsing

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, key, code in _ARGPARSE:
            found = pattern.fullmatch(message)
            if found:
                params = found.groupdict()
                name = params.pop("key", None) or key
                if "allowed" in params:
                    params["allowed"] = params["allowed"].replace("'", "")
                break
        else:
            name, code, params = "arguments", "arg_other", {"message": message}
        sys.stderr.write(problem(self.prog, name, code, **params).render(self.lang) + "\n")
        sys.exit(2)


def commands() -> list[str]:
    """The subcommands: one module each in questionnaire/commands/ (a new module is a new command)."""
    return sorted(p.stem for p in COMMANDS_DIR.glob("*.py") if not p.stem.startswith("_") and
                  not p.stem.endswith("_texts"))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the subcommand named on the command line is imported (a fast start)."""
    parser = _Parser(prog="magnesium", description="Magnesium intake and guidance for practitioners.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    known = commands()
    named = next((arg for arg in (sys.argv[1:] if argv is None else argv) if not arg.startswith("-")), None)
    for name in [named] if named in known else known:
        import_module(f"questionnaire.commands.{name}").register(sub)
    return parser


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every subcommand shares."""
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the texts (default nl)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")


def add_db(parser: argparse.ArgumentParser) -> None:
    """--db, the same on every command that uses the intake store."""
    parser.add_argument("--db", metavar="PATH",
                        help="intake store file (default: $MAGNESIUM_DB, else the user data directory)")


def main(argv: list[str] | None = None) -> int:
    _Parser.lang = _lang(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    lang = getattr(args, "lang", "nl")
    try:
        return args.run(args)
    except BadInput as err:
        for line in dict.fromkeys(problem.render(lang) for problem in err.problems):  # each once
            sys.stderr.write(line + "\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # a bug: say so in one line, details on request
        if os.environ.get("MAGNESIUM_DEBUG"):
            raise
        sys.stderr.write(f"magnesium: internal error (a bug, please report it): {type(err).__name__}: {err}; "
                         "run again with MAGNESIUM_DEBUG=1 for details\n")
        return 1


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
