"""`magnesium advise --batch` on every core (issue 21: 10,000 varied clients took 5.2 s on two
cores, target under 3 s; bench/bench_advise.py measures it): the output and the problem lines are
the same as in one process, in the same order; long work shows its progress on a terminal only."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pexpect
import pytest

from conftest import BIN, ROOT
from engine.batch import CHUNK, advised

sys.path.insert(0, str(ROOT / "bench"))
from varied_clients import lines  # noqa: E402 - the bench's clients, put on the path above

BAD = [b'{"age": 40, "age": 41}\n', b"{not json\n", b'{"age": 300, "sex": "female"}\n', b"\n",
       b'{"age": 40, "sex": "female", "kidney": "none", "extra": 1}\n']


def batch(count: int) -> bytes:
    """`count` varied clients with a bad line now and then (and an empty one, which is skipped)."""
    good = lines(count).splitlines(keepends=True)
    mixed = []
    for i, line in enumerate(good):
        mixed.append(line)
        if i % 97 == 0:
            mixed.append(BAD[i % len(BAD)])
    return b"".join(mixed)


def test_workers_give_what_one_process_gives_in_order():
    data = batch(3 * CHUNK + 17)
    alone = list(advised(io.BytesIO(data), "x.jsonl", None, "nl", workers=1))
    together = list(advised(io.BytesIO(data), "x.jsonl", None, "nl", workers=2))
    assert len(alone) == len(together) > 3 * CHUNK
    assert together == alone
    assert sum(1 for _, problems, _ in alone if problems) >= 10  # the bad lines, each with its line


@pytest.mark.skipif(shutil.which("taskset") is None, reason="taskset is not installed")
def test_the_command_on_every_core_writes_what_it_writes_on_one(tmp_path):
    path = tmp_path / "clients.jsonl"
    path.write_bytes(batch(2 * CHUNK))
    command = [str(BIN / "magnesium"), "advise", "--batch", str(path)]
    every = subprocess.run(command, capture_output=True, timeout=120)
    one = subprocess.run(["taskset", "-c", "0", *command], capture_output=True, timeout=120)
    assert every.returncode == one.returncode == 2  # some lines were bad
    assert every.stdout == one.stdout and every.stderr == one.stderr
    assert every.stderr.count(b"\n") >= 10 and b"\r" not in every.stderr  # no progress: not a terminal


def test_a_refused_rule_folder_stops_the_batch_before_any_line(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "advice.yaml").write_text("rules: [oops\n", encoding="utf-8")
    path = tmp_path / "clients.jsonl"
    path.write_bytes(batch(2 * CHUNK))
    result = subprocess.run([str(BIN / "magnesium"), "advise", "--batch", str(path), "--rules",
                             str(tmp_path / "rules")], capture_output=True, timeout=120)
    assert result.returncode == 2 and result.stdout == b""


def test_progress_shows_on_the_terminal_with_the_count_and_time_at_the_end(tmp_path):
    path, out = tmp_path / "clients.jsonl", tmp_path / "advice.jsonl"
    path.write_bytes(lines(6000))
    child = pexpect.spawn("sh", ["-c", f"'{BIN / 'magnesium'}' advise --batch '{path}' > '{out}'"],
                          env={**os.environ, "TERM": "xterm"}, encoding="utf-8", timeout=120, dimensions=(24, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Adviezen: 6000 (00:" in child.before, child.before  # the last state of the bar: count and time
    assert out.read_bytes().count(b"\n") == 6000


def test_rules_impact_over_many_intakes_writes_no_progress_off_a_terminal(tmp_path, adv):
    from engine.paths import default_dir
    from engine.yamlsource import Document
    from questionnaire.store import open_store

    answers = adv.check(Document("<t>", {"age": 40, "sex": "male", "kidney": "none"}))
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        for _ in range(30):
            store.save_intake(answers, adv.advise(answers, "nl"), "nl", None)
    result = subprocess.run([str(BIN / "magnesium"), "rules", "impact", str(default_dir()), "--db",
                             str(tmp_path / "s.sqlite3")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == "" and result.stdout.count("\n") == 1, result


class Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_ends_with_the_count_and_time_and_nothing_elsewhere(monkeypatch):
    from questionnaire.common import progress as module

    monkeypatch.setattr(module, "DELAY_S", 0)
    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        with module.progress("Intakes", "van", total=3) as done:
            for _ in range(3):
                done.step()
            done.say(["een regel"])
        seen = stream.getvalue()
        assert ("Intakes: 3 van 3" in seen and "(00:00)" in seen) is shown, seen
        assert "een regel\n" in seen
        assert seen == "een regel\n" or shown
