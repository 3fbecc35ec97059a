"""Safe YAML reading with lines."""
from __future__ import annotations

import io
import sys

import pytest

from engine.errors import BadInput, problem
from engine.yamlsource import MAX_BYTES, MAX_DIGITS, MAX_NODES, decode, parse, read


def test_lines_of_nested_keys():
    doc = parse("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.line(("b", 1, "c")) == 4 and doc.line(("a",)) == 1 and doc.line(("b", 7)) == 2


def test_json_is_read_too():
    assert parse('{"age": 40, "complaints": ["fatigue"]}', "f.json").data == {"age": 40, "complaints": ["fatigue"]}


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system [ls]",
    "a: !!python/name:os.system",
    "!!python/object:object {}",
    "a: !!set {1, 2}",
])
def test_tags_are_refused(text):
    with pytest.raises(BadInput) as err:
        parse(text, "f.yaml")
    assert err.value.problems[0].code == "yaml_tag"


def test_bom_is_accepted_and_latin1_refused():
    assert decode("\ufeffage: 1\n".encode("utf-8"), "f").data == {"age": 1}
    with pytest.raises(BadInput):
        decode(b"client: Jos\xe9\n", "f")


def codes(text):
    with pytest.raises(BadInput) as err:
        parse(text, "f.yaml")
    return [p.code for p in err.value.problems]


def test_a_few_aliases_are_read_but_not_an_alias_bomb():
    assert parse("a: &n {nl: x, en: y}\nb: *n\nc: *n\n", "f").data == {"a": {"nl": "x", "en": "y"}, "b": {"nl": "x", "en": "y"}, "c": {"nl": "x", "en": "y"}}
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    assert codes(bomb) == ["yaml_too_many"]


@pytest.mark.parametrize("text", [
    "a: &a {x: 1}\nb:\n  <<: *a\n",
    "b: {<<: {x: 1}, y: 2}",
    "a: &a {" + ", ".join(f"k{i}: 1" for i in range(19_000)) + "}\nb: {<<: [" + ", ".join(["*a"] * 40_000) + "]}\n",
])
def test_merge_keys_are_refused(text):
    assert codes(text) == ["yaml_merge"]
    assert parse('"<<": 1', "f").data == {"<<": 1}


def test_values_are_counted():
    assert len(parse("[" + ", ".join(["1"] * (MAX_NODES - 1)) + "]", "f").data) == MAX_NODES - 1
    assert codes("[" + ", ".join(["1"] * MAX_NODES) + "]") == ["yaml_too_many"]


def test_integers_are_limited_in_digits():
    assert parse(f"a: {'9' * MAX_DIGITS}\nb: -{'9' * MAX_DIGITS}", "f").data == {"a": int("9" * MAX_DIGITS), "b": -int("9" * MAX_DIGITS)}
    assert codes(f"a: {'9' * (MAX_DIGITS + 1)}") == ["number_long"]
    assert codes('{"a": %s}' % ("1" * 5000)) == ["number_long"]


@pytest.mark.parametrize("text", [".inf", "-.inf", "+.inf", ".Inf", ".NAN", ".nan", "1.0e+999", "-1.0e+999"])
def test_infinity_and_nan_stay_text(text):
    assert parse(f"a: {text}", "f").data == {"a": text}
    assert parse("a: 1.5e+3", "f").data == {"a": 1500.0}


def test_size_limit():
    assert decode(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n", "f").data == {"a": 1}
    with pytest.raises(BadInput) as err:
        decode(b"a: 1\n" + b"#" * (MAX_BYTES - 5) + b"\n", "f")
    assert [str(p) for p in err.value.problems] == ["f: file: give a smaller file: at most 1 MB; this one is larger"]
    with pytest.raises(BadInput) as err:
        decode(b"a: 1\n" * 100, "f", limit=100)
    assert str(err.value) == "f: file: give a smaller file: at most 100 bytes; this one is larger"


def test_read_refuses_a_large_file_before_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(10 ** 12)  # a sparse terabyte: reading it would never end
    with pytest.raises(BadInput) as err:
        read(str(path))
    assert err.value.problems[0].code == "file_too_big"


def test_read_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"age: 1\n")))
    assert read("-").data == {"age": 1} and read.__defaults__ == (MAX_BYTES,)
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when standard input is closed (<&-)
    with pytest.raises(BadInput) as err:
        read("-")
    assert str(err.value) == ("<stdin>: file: give the answers on standard input (such as '- < answers.yaml'); "
                              "standard input is closed")
    closed = io.TextIOWrapper(io.BytesIO(b""))
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    with pytest.raises(BadInput):
        read("-")


@pytest.mark.parametrize("text,value", [
    ('{"c": "Jos \\ud83d\\ude00"}', "Jos \U0001F600"),
    ('{"c": "\\uD83D\\uDE00\\ud83d\\ude01", "d": "\\u00e9"}', "\U0001F600\U0001F601"),
    ('{"c": "\\\\ud83d\\\\ude00", "d": "\\ud83d\\ude00"}', "\\ud83d\\ude00"),  # an escaped backslash stays
])
def test_surrogate_pairs_of_json(text, value):
    assert parse(text, "f").data["c"] == value


@pytest.mark.parametrize("text", [
    '{"c": "\\ud83d"}', '{"c": "\\ude00\\ud83d"}', '{"c": "\\ud83d x"}',
    "c: '\\ud83d\\ude00'\nd: \"\\ud83d\\ude00\"",  # YAML, not JSON: the single-quoted text is never changed
])
def test_lone_surrogates_and_pairs_outside_json_are_refused(text):
    assert codes(text) == ["yaml_syntax"]


def test_error_lines_escape_and_cut_what_they_echo():
    key = "\x1b[2J" + "k" * 100
    line = problem("f\n.yaml", key, "unknown_key", 3, allowed="age, sex", got=key).render("en")
    shown = ("\\x1b[2J" + "k" * 100)[:60] + "…"
    assert line == f"f\\n.yaml:3: {shown}: use one of: age, sex; '{shown}' is not known"
    long_list = ", ".join(["word"] * 40)
    assert long_list in problem("f", "k", "unknown_key", allowed=long_list, got="x").render("en")
