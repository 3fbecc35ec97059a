"""Python 3.10-3.13: the range is the same in pyproject.toml and the Makefile, durable-rules works
in the Python running the tests (on 3.13 only when built with the Makefile's CPPFLAGS), and a
Python outside the range gets one clear line from make, not a compiler error."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_range_is_the_same_everywhere():
    assert 'requires-python = ">=3.10,<3.14"' in PYPROJECT
    assert "sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))" in MAKEFILE
    assert "for p in python3.13 python3.12 python3.11 python3.10 python3;" in MAKEFILE
    assert (3, 10) <= sys.version_info[:2] <= (3, 13)


def test_durable_rules_is_built_with_the_313_flag():
    assert "DURABLE_CPPFLAGS = -DPyEval_CallObject=PyObject_CallObject" in MAKEFILE
    assert "durable-rules==2.0.28" in PYPROJECT and "DURABLE = durable-rules==2.0.28" in MAKEFILE


def test_durable_rules_fires_in_this_python():
    """On 3.13 the engine's C part imports only when built with the flag (undefined symbol
    PyEval_CallObject otherwise); an action is called through PyObject_CallObject."""
    code = (
        "from durable.lang import ruleset, when_all, m, post\n"
        "hit = []\n"
        "with ruleset('t'):\n"
        "    @when_all(m.x == 1)\n"
        "    def r(c): hit.append(c.m.x)\n"
        "post('t', {'x': 1})\n"
        "print(hit)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[1]\n"


@pytest.mark.skipif(not shutil.which("make"), reason="no make here")
@pytest.mark.parametrize("version", ["3.14.0", "3.9.18"])
def test_a_python_outside_the_range_gets_a_clear_line(tmp_path, version):
    fake = tmp_path / "python-fake"
    fake.write_text(f'#!/bin/sh\n[ "$1" = --version ] && echo "Python {version}" && exit 0\nexit 1\n')
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "setup", f"PYTHON={fake}", f"VENV={venv}"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and not venv.exists()
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == ("magnesium-intake needs Python 3.10, 3.11, 3.12 or 3.13 (its rule engine durable-rules "
                        f"does not build on 3.14 or newer); found: Python {version}.")
    assert lines[1].startswith("Install Python 3.13")
    assert not any(re.search(r"gcc|error:|\.c:", line) for line in lines)


def test_make_prints_no_command_lines():
    """`make intake` runs on the client's screen: every recipe line is silent (@)."""
    recipes, continued = [], False
    for line in MAKEFILE.splitlines():
        if line.startswith("\t") and not continued:
            recipes.append(line)
        continued = line.endswith("\\")
    assert len(recipes) > 5
    assert all(line.startswith("\t@") or line.startswith("\t$(call install,") for line in recipes), recipes
