"""Inputs that used to crash (exit 1) or hang: each now ends in exit 2 and one clear line, fast.

Each case runs `magnesium advise` as a user would, with a hard timeout well below what the input
took before (an alias bomb 9-14 s, a 10 MB file 48-141 s), so a hang fails the test.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT

GOOD = {"age": 42, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps"]}
TIMEOUT = 10  # seconds; each refusal takes well under one


def advise(*args: str, stdin: bytes | None = None, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(BIN / "magnesium"), "advise", *args], input=stdin, capture_output=True,
                            timeout=TIMEOUT, **kwargs)
    result.stdout, result.stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    return result


def refused(result: subprocess.CompletedProcess) -> list[str]:
    """Exit 2, nothing on standard output, no traceback: the error lines."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    return result.stderr.splitlines()


def write(tmp_path: Path, text: str | bytes, name: str = "answers.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return str(path)


def test_integer_beyond_pythons_digit_limit(tmp_path):
    path = write(tmp_path, '{"age": %s, "sex": "female", "kidney": "none"}' % ("1" * 5000), "answers.json")
    assert refused(advise(path, "--lang", "en")) == [
        f"{path}:1: file: write a number of at most 100 digits; this one has 5000"]


def test_alias_bomb(tmp_path):
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    assert len(text) < 400
    path = write(tmp_path, text)
    assert refused(advise(path, "--lang", "en")) == [
        f"{path}:1: file: keep to at most 20000 values (an alias * counts each time it is used); this file has more"]


def test_merge_key_bomb(tmp_path):
    """Forty thousand merges of a 19,000-key mapping: PyYAML's flatten_mapping would copy 760 million keys."""
    text = ("a: &a {" + ", ".join(f"k{i}: 1" for i in range(19_000)) + "}\n"
            "b: {<<: [" + ", ".join(["*a"] * 40_000) + "]}\n")
    path = write(tmp_path, text)
    assert refused(advise(path, "--lang", "en")) == [f"{path}:2: file: write the keys out; merging with '<<' is not allowed"]


def test_ten_megabyte_file(tmp_path):
    path = write(tmp_path, "age: 40\nsex: female\nkidney: none\nclient: '" + "x" * 10_000_000 + "'\n")
    assert refused(advise(path)) == [f"{path}: file: geef een kleiner bestand: hoogstens 1 MB; dit is groter"]


def test_ten_megabytes_on_standard_input():
    text = ("age: 40\nsex: female\nkidney: none\nclient: '" + "x" * 10_000_000 + "'\n").encode()
    assert refused(advise("-", "--lang", "en", stdin=text)) == [
        "<stdin>: file: give a smaller file: at most 1 MB; this one is larger"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_is_read_no_further_than_the_limit():
    assert refused(advise("/dev/zero", "--lang", "en")) == [
        "/dev/zero: file: give a smaller file: at most 1 MB; this one is larger"]


def test_a_folder_is_not_an_answers_file(tmp_path):
    assert refused(advise(str(tmp_path), "--lang", "en")) == [f"{tmp_path}: file: give a readable file; is a directory"]


def test_a_pipe_is_read_and_bounded(tmp_path):
    fifo = tmp_path / "answers.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"head -c 2000000 /dev/zero > '{fifo}'"])
    try:
        assert refused(advise(str(fifo), "--lang", "en")) == [
            f"{fifo}: file: give a smaller file: at most 1 MB; this one is larger"]
    finally:
        writer.kill()
        writer.wait()


def test_closed_standard_input():
    result = subprocess.run(["sh", "-c", f"exec '{BIN / 'magnesium'}' advise - --lang en <&-"], capture_output=True,
                            text=True, timeout=TIMEOUT)
    assert result.returncode == 2 and result.stderr.startswith("<stdin>: file: give the answers on standard input")


def test_json_surrogate_pair_for_an_emoji_is_accepted(tmp_path):
    text = json.dumps({**GOOD, "client": "Jos \U0001F600"})
    assert "\\ud83d\\ude00" in text
    result = advise(write(tmp_path, text, "answers.json"), "--format", "json")
    assert result.returncode == 0, result.stderr
    result = advise("-", "--format", "json", stdin=text.encode())
    assert result.returncode == 0, result.stderr


def test_a_lone_surrogate_is_still_refused(tmp_path):
    path = write(tmp_path, json.dumps(GOOD)[:-1] + ', "client": "Jos \\ud83d"}', "answers.json")
    assert refused(advise(path, "--lang", "en"))[0].startswith(f"{path}:1: file: write valid YAML or JSON;")


@pytest.mark.parametrize("key,shown", [
    ("\\e[31mred\\e[0m\\a", "\\x1b[31mred\\x1b[0m\\x07"),
    ("a\\nb\\x01c\\x9b", "a\\nb\\x01c\\x9b"),
    ("z\\u200bz", "z\\u200bz"),
])
def test_control_characters_in_a_key_are_shown_escaped(tmp_path, key, shown):
    path = write(tmp_path, f'age: 40\nsex: female\nkidney: none\n"{key}": 1\n')
    lines = refused(advise(path, "--lang", "en"))
    assert len(lines) == 1 and all(c.isprintable() for c in lines[0])
    assert lines[0].startswith(f"{path}:4: {shown}: use one of: client, age,")
    assert lines[0].endswith(f"; '{shown}' is not known")


def test_a_long_key_is_cut_short(tmp_path):
    path = write(tmp_path, json.dumps({**GOOD, "k" * 500: 1}), "answers.json")
    lines = refused(advise(path, "--lang", "en"))
    assert lines == [f"{path}:1: {'k' * 60}…: use one of: client, age, age_months, sex, pregnant, breastfeeding, "
                     f"kidney, kidney_checked, complaints, conditions, medications, current_magnesium, "
                     f"excess_symptoms, symptoms; "
                     f"'{'k' * 60}…' is not known"]


def test_a_key_longer_than_yaml_allows(tmp_path):
    """libyaml reads keys of at most 1,024 characters; a longer one is a syntax error, not a crash."""
    path = write(tmp_path, json.dumps({**GOOD, "k" * 5000: 1}), "answers.json")
    lines = refused(advise(path, "--lang", "en"))
    assert len(lines) == 1 and len(lines[0]) < 200 and "write valid YAML or JSON" in lines[0]


def test_a_key_given_twice_is_cut_short_and_escaped(tmp_path):
    key = "x\\u001b" * 100
    path = write(tmp_path, '{"%s": 1, "%s": 2}' % (key, key), "answers.json")
    assert refused(advise(path, "--lang", "en")) == [
        f"{path}:1: file: give each key once; '{('x' + chr(92) + 'x1b') * 12}…' is given twice"]


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN", "1.0e+999"])
def test_infinity_and_nan_in_answers(tmp_path, value):
    path = write(tmp_path, f"age: {value}\nsex: female\nkidney: none\n"
                           f"current_magnesium: {{form: citrate, mg_per_day: {value}}}\n")
    assert refused(advise(path, "--lang", "en")) == [
        f"{path}:1: age: give a whole number from 0 to 120; got '{value}'",
        f"{path}:4: current_magnesium.mg_per_day: give a number from 0 to 5000, or null; got '{value}'",
    ]


def test_huge_integers_in_answers(tmp_path):
    path = write(tmp_path, f"age: {'9' * 100}\nsex: female\nkidney: none\n")
    assert refused(advise(path, "--lang", "en")) == [
        f"{path}:1: age: give a whole number from 0 to 120; got {'9' * 57}..."]


@pytest.mark.parametrize("value,line", [
    (".inf", "give a number above 0 and at most 5000, a list [min, max] or null; got [100, '.inf']"),
    (".nan", "give a number above 0 and at most 5000, a list [min, max] or null; got [100, '.nan']"),
    ("25000", "give a number above 0 and at most 5000, a list [min, max] or null; got [100, 25000]"),
    ("1" * 200, "file: write a number of at most 100 digits; this one has 200"),
])
def test_infinity_nan_and_huge_numbers_in_a_rule_file(tmp_path, value, line):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "advice.yaml").read_text(encoding="utf-8")
    assert "mg_per_day: [100, 250]" in text
    (rules / "advice.yaml").write_text(text.replace("mg_per_day: [100, 250]", f"mg_per_day: [100, {value}]", 1),
                                       encoding="utf-8")
    lines = refused(advise(write(tmp_path, json.dumps(GOOD)), "--rules", str(rules), "--lang", "en"))
    assert len(lines) == 1 and lines[0].startswith(f"{rules}/advice.yaml:") and lines[0].endswith(line)


def test_a_huge_rule_file(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "zz-big.yaml").write_text("# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    lines = refused(advise(write(tmp_path, json.dumps(GOOD)), "--rules", str(rules), "--lang", "en"))
    assert lines == [f"{rules}/zz-big.yaml: file: give a smaller file: at most 1 MB; this one is larger"]

