"""The command line as a newcomer meets it (issue 11): no abbreviated options, a hint for a
misspelled one, --lang in any case, and error lines in the user's words."""
from __future__ import annotations

import pytest
import yaml

from conftest import magnesium
from questionnaire.cli import main
from questionnaire.store import open_store

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps"]}


@pytest.fixture
def one(tmp_path, monkeypatch, capsys):
    """A store with one intake whose note is 'oud'."""
    db = tmp_path / "intakes.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(db))
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(JANSEN), encoding="utf-8")
    assert main(["advise", str(answers), "--save"]) == 0
    assert main(["review", "1", "--note", "oud"]) == 0
    capsys.readouterr()
    return db


def test_an_abbreviated_option_is_refused_and_the_meant_one_named(one, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["review", "1", "--not", "hallo"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err == ("magnesium: arguments: laat weg of schrijf anders: --not hallo; dat kent het programma niet, "
                   "bedoel je --note? (zie --help)\n")
    with open_store(str(one)) as store:
        assert store.get(1).note == "oud"


def test_the_hint_is_in_english_with_lang_en(one, capsys):
    with pytest.raises(SystemExit):
        main(["review", "1", "--dne", "--lang", "en"])
    assert "did you mean --done?" in capsys.readouterr().err


def test_an_option_like_nothing_known_gets_no_hint():
    result = magnesium("advise", "x.yaml", "--bogus")
    assert result.returncode == 2 and "bedoel je" not in result.stderr


@pytest.mark.parametrize("lang,words", [("EN", "give a readable file"), ("Nl", "geef een bestand"),
                                        ("en", "give a readable file")])
def test_lang_in_any_case(tmp_path, lang, words):
    result = magnesium("advise", str(tmp_path / "missing.yaml"), "--lang", lang)
    assert result.returncode == 2 and words in result.stderr


@pytest.mark.parametrize("target,nl,en", [
    ("missing.yaml", "geef een bestand dat te lezen is; dit bestand bestaat niet",
     "give a readable file; no such file or directory"),
    (".", "geef een bestand dat te lezen is; dit is een map", "give a readable file; is a directory"),
])
def test_a_file_that_cannot_be_read_is_said_in_dutch(tmp_path, capsys, target, nl, en):
    path = str(tmp_path / target)
    assert main(["advise", path]) == 2
    assert capsys.readouterr().err.endswith(f": file: {nl}\n")
    assert main(["advise", path, "--lang", "en"]) == 2
    assert capsys.readouterr().err.endswith(f": file: {en}\n")


def test_a_file_without_permission_is_said_in_dutch(tmp_path, capsys):
    import os

    path = tmp_path / "secret.yaml"
    path.write_text("age: 40\n", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: every file is readable")
    assert main(["advise", str(path)]) == 2
    assert "je hebt geen toestemming om het te lezen" in capsys.readouterr().err


def test_a_whole_number_in_quotes_is_named_as_text(tmp_path, capsys):
    path = tmp_path / "a.yaml"
    path.write_text('age: "42"\nsex: male\nkidney: none\n', encoding="utf-8")
    assert main(["advise", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}:1: age: geef een heel getal van 0 tot en met 120 zonder aanhalingstekens (zoals 42); "
        "gekregen: tekst tussen aanhalingstekens '42'\n")
    assert main(["advise", str(path), "--lang", "en"]) == 2
    assert "without quotes (such as 42); got text in quotes '42'" in capsys.readouterr().err


@pytest.mark.parametrize("number,nl", [
    ("EACCES", "geef een bestand dat te lezen is; je hebt geen toestemming om het te lezen"),
    ("ENOENT", "geef een bestand dat te lezen is; dit bestand bestaat niet"),
    ("EISDIR", "geef een bestand dat te lezen is; dit is een map"),
    ("EIO", "geef een bestand dat te lezen is; input/output error"),  # the rest: the system's words
])
def test_each_common_reason_has_its_dutch_words(number, nl):
    """As root every file is readable, so the mapping itself is checked here, errno by errno."""
    import errno
    import os

    from engine.yamlsource import _unreadable

    code = getattr(errno, number)
    assert _unreadable("x.yaml", OSError(code, os.strerror(code))).render("nl") == f"x.yaml: file: {nl}"
