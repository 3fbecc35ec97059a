"""The help of `magnesium` (issue 11): Dutch by default, English with --lang en or an English
LANG, every text from command_texts.yaml; `magnesium` alone lists the commands; --version."""
from __future__ import annotations

import argparse
from importlib.metadata import version

import pytest

from conftest import magnesium
from questionnaire.cli import _translate, build_parser, commands
from questionnaire.commands.command_texts import COMMAND_TEXTS

DUTCH = {"LANG": "nl_NL.UTF-8"}


def test_magnesium_alone_lists_the_commands_in_dutch():
    result = magnesium(env=DUTCH)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "magnesium: opdracht: kies een opdracht (advise, client, explain, handout, intake, invite, label, letter, plan, review, rules, serve, store, users); er is geen opdracht gegeven"
    assert "gebruik: magnesium" in result.stderr and "usage" not in result.stderr
    for command in ("advise", "intake", "review"):
        line = next(l for l in lines if l.strip().startswith(command))
        assert COMMAND_TEXTS.say(f"help_cmd_{command}", "nl").split()[0] in line


def test_version_from_the_package_metadata():
    result = magnesium("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"magnesium {version('magnesium-intake')}\n", "")


@pytest.mark.parametrize("args,env,words,absent", [
    (("--help",), DUTCH, "laat deze uitleg zien en stop", "show this help"),
    (("review", "--help"), DUTCH, "zet de intake op beoordeeld", "mark the intake"),
    (("review", "--help", "--lang", "en"), DUTCH, "mark the intake as reviewed", "beoordeeld"),
    (("advise", "--help", "--lang", "EN"), DUTCH, "answers file, or - for standard input", "antwoordbestand"),
    (("intake", "--help"), {"LANG": "en_GB.UTF-8"}, "carry on with an intake that was interrupted", "onderbroken"),
    (("intake", "--help", "--lang", "nl"), {"LANG": "en_GB.UTF-8"}, "ga verder met een vragenlijst", "carry on"),
])
def test_help_in_the_users_language(args, env, words, absent):
    result = magnesium(*args, env=env)
    assert result.returncode == 0 and result.stderr == ""
    assert words in result.stdout and absent not in result.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("command", commands())
def test_every_help_text_comes_from_the_text_book(command, lang):
    """A new option without its words in command_texts.yaml fails here, in both languages."""
    parser = build_parser([command])
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    for target in (parser, sub):
        before = {id(a): a.help for a in target._actions}
        _translate(target, lang)
        name = target.prog.split()[-1]
        for action in target._actions:
            if isinstance(action, argparse._SubParsersAction):  # the commands: one line each
                assert [c.help for c in action._choices_actions] == [
                    COMMAND_TEXTS.say(f"help_cmd_{c.dest}", lang) for c in action._choices_actions]
                continue
            keys = (f"help_{name}_{action.dest}", f"help_{action.dest}")
            assert any(COMMAND_TEXTS.has(k) for k in keys), (command, action.dest)
            assert action.help == COMMAND_TEXTS.say(next(k for k in keys if COMMAND_TEXTS.has(k)), lang)
        assert before  # the parser had actions to translate
