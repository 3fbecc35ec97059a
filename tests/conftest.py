"""Shared fixtures: the shipped rule base compiled once, and a way to run the installed CLI."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from engine.advise import advisor
from engine.answers import complete

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The browser tests run Debian's chromium (.ci/run installs it); Playwright drives it, never a
# browser of its own (`playwright install` cannot download here). Without it they are skipped.
BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
NO_BROWSER = "no chromium binary found (apt-get install chromium; .ci/run installs it)"
# The parse cache of the rule files: a folder of this test session, never the user's.
os.environ["MAGNESIUM_CACHE"] = tempfile.mkdtemp(prefix="magnesium-cache-")


def pytest_report_header(config) -> str:
    """Which chromium the browser tests drive, and the Playwright that drives it (it promises its
    own chromium build only, so a drift shows here first)."""
    if BROWSER is None:
        return f"browser tests: skipped, {NO_BROWSER}"
    found = subprocess.run([BROWSER, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        driver = f"playwright {version('playwright')}"
    except PackageNotFoundError:  # the header says so; the tests then skip
        driver = "playwright not installed"
    return f"browser tests: {found or BROWSER} driven by {driver}"


@pytest.fixture(scope="session")
def adv():
    return advisor()


@pytest.fixture
def advise(adv):
    """Advice for raw answers (completed with the contract's defaults)."""
    def run(lang: str = "nl", **answers):
        return adv.advise(complete(answers), lang)
    return run


def magnesium(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `magnesium` command as a user would."""
    exe = BIN / "magnesium"
    return subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A private store for this test, found through MAGNESIUM_DB as a user would set it."""
    path = tmp_path / "intakes.sqlite3"
    monkeypatch.setenv("MAGNESIUM_DB", str(path))
    return path


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """`magnesium ARGS` in this process: its exit code, standard output and standard error."""
    from questionnaire.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def store_of_version(path: Path, version: int) -> sqlite3.Connection:
    """A store file as release `version` of the schema left it (for the migration tests); the
    caller adds its rows, commits and closes."""
    from questionnaire.store import MIGRATIONS

    con = sqlite3.connect(path)
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            con.execute(statement)
    con.execute(f"PRAGMA user_version = {version}")
    return con
