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
    """The --lang of the command line (any case), read before parsing succeeds (errors need it)."""
    for i, arg in enumerate(argv):
        given = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2] \
            if arg.startswith("--lang=") else None
        if given is not None:
            return given.lower() if given.lower() in ("nl", "en") else "nl"
    return "nl"


def _help_lang(argv: list[str]) -> str:
    """The language of the help: --lang when given, else English when the environment's LANG is."""
    if any(arg == "--lang" or arg.startswith("--lang=") for arg in argv):
        return _lang(argv)
    return "en" if os.environ.get("LANG", "").lower().startswith("en") else "nl"


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad option is one line on standard error and exit 2 (no usage dump), and
    the help in the user's language (command_texts.yaml), translated only when it is shown.

    Abbreviations are off: `review 1 --not x` must not be taken for --note and overwrite a note.
    """

    lang = "nl"  # set by main() from the command line before parsing
    help_lang = "nl"  # idem: --lang, else the environment's LANG

    def format_help(self) -> str:
        _translate(self, self.help_lang)
        return super().format_help()

    def _get_formatter(self) -> argparse.HelpFormatter:
        """argparse's formatter with 'usage: ' in the user's language (looked up only when shown:
        add_argument makes a formatter too, and the start must stay fast)."""
        formatter = super()._get_formatter()
        plain = formatter.add_usage
        formatter.add_usage = lambda usage, actions, groups, prefix=None: plain(  # type: ignore[method-assign]
            usage, actions, groups, _words("help_usage", self.help_lang) if prefix is None else prefix)
        return formatter

    def __init__(self, *args: object, **kwargs: object):
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

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
        close = _meant(params["names"], _options(self)) if code == "arg_unknown" else None
        if close:
            code, params = "arg_unknown_close", {**params, "close": close}
        if code == "one_of":  # a mistyped command or choice (`reveiw`): "did you mean review?"
            from engine.nearest import suggest

            near = suggest(params["got"], params["allowed"])
            params = {**params, "near": near} if near else params
        sys.stderr.write(problem(self.prog, name, code, **params).render(self.lang) + "\n")
        sys.exit(2)


def _words(key: str, lang: str, **params: object) -> str:
    from .commands.command_texts import COMMAND_TEXTS

    return COMMAND_TEXTS.say(key, lang, **params)


def _translate(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every help text of `parser` from command_texts.yaml: help_<command>_<option>, else help_<option>."""
    from .commands.command_texts import COMMAND_TEXTS as book

    command = parser.prog.split()[-1]
    parser._positionals.title, parser._optionals.title = _words("help_positionals", lang), _words("help_options", lang)
    parser.description = _words(f"help_about_{command}", lang)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            action.metavar = _words("help_command_metavar", lang)
            for choice in action._choices_actions:
                choice.help = _words(f"help_cmd_{choice.dest}", lang)
        key = next((k for k in (f"help_{command}_{action.dest}", f"help_{action.dest}") if book.has(k)), None)
        if key:
            action.help = _words(key, lang)
        shown = action.metavar if isinstance(action.metavar, str) else None if action.option_strings else action.dest
        if shown and book.has(f"help_metavar_{shown}"):
            action.metavar = _words(f"help_metavar_{shown}", lang)


class _Version(argparse.Action):
    """--version: the installed package's version, looked up only when asked (a fast start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, namespace: object, values: object,
                 option_string: str | None = None) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("magnesium-intake")
        except PackageNotFoundError:  # run from a source folder without installing
            found = "?"
        sys.stdout.write(f"magnesium {found}\n")
        parser.exit(0)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Every option string of the parser and of its (registered) subcommands."""
    found = list(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _options(sub)
    return list(dict.fromkeys(found))


def _meant(names: str, options: list[str]) -> str | None:
    """The known option closest to the first unknown one (`--not` -> `--note`), if one is close."""
    from engine.nearest import suggest

    for word in names.split():
        if word.startswith("--"):
            close = suggest(word.partition("=")[0], ", ".join(options))
            if close:
                return close
    return None


def commands() -> list[str]:
    """The subcommands: one module each in questionnaire/commands/ (a new module is a new command)."""
    return sorted(p.stem for p in COMMANDS_DIR.glob("*.py") if not p.stem.startswith("_") and
                  not p.stem.endswith("_texts"))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the subcommand named on the command line is imported (a fast start)."""
    parser = _Parser(prog="magnesium", description="Magnesium intake and guidance for practitioners.")
    parser.add_argument("--version", action=_Version, help="show the program's version and stop")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    known = commands()
    named = next((arg for arg in (sys.argv[1:] if argv is None else argv) if not arg.startswith("-")), None)
    for name in [named] if named in known else known:
        import_module(f"questionnaire.commands.{name}").register(sub)
    return parser


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every subcommand shares."""
    parser.add_argument("--lang", type=str.lower, choices=("nl", "en"), default="nl", help="language of the texts (default nl)")
    parser.add_argument("--rules", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")


def add_db(parser: argparse.ArgumentParser) -> None:
    """--db, the same on every command that uses the intake store."""
    parser.add_argument("--db", metavar="PATH",
                        help="intake store file or a postgresql:// address (default: $MAGNESIUM_DB, else the user data directory)")


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    _Parser.lang, _Parser.help_lang = _lang(given), _help_lang(given)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:  # `magnesium` alone: say so, then what there is to choose
        sys.stderr.write(_words("help_no_command", _Parser.help_lang, commands=", ".join(commands())) + "\n\n"
                         + parser.format_help())
        return 2
    lang = getattr(args, "lang", None) or _Parser.lang  # None: a command that takes the intake's language
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


# A plain decimal in an answers file is read as a number; as text it can only have been quoted.
# (072 or 1:05 are text for another reason, engine/yamlsource.py: they keep the engine's words.)
def run() -> None:
    """Console-script entry point.

    What is still buffered is written here, not at the interpreter's exit: when the terminal is
    gone (the window closed), a failing flush at exit would turn the exit code into 120, and
    the intake's 129 (SIGHUP) would be lost. What cannot be written goes nowhere.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
            except (OSError, ValueError):
                pass
    sys.exit(code)
