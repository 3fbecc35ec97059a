"""The exported HTML page in a real headless browser (Debian's chromium): it renders without a
console message (no script ran, nothing was fetched), shows the client's name as text, and
prints to A4. Skipped only when no chromium binary is installed (.ci/run installs it)."""
from __future__ import annotations

import re
import subprocess

import pytest

from conftest import BROWSER, NO_BROWSER, magnesium

pytestmark = pytest.mark.skipif(BROWSER is None, reason=NO_BROWSER)
CLIENT = "Mevr. <script>alert(1)</script> & Co"
A4_POINTS = (595, 842)


def headless(tmp_path, *args: str) -> subprocess.CompletedProcess:
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr",
               "--v=0", f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """An intake saved with `advise --save`, exported with `review N --export`, as a user does."""
    tmp = tmp_path_factory.mktemp("browser")
    answers = tmp / "answers.yaml"
    answers.write_text(f'client: "{CLIENT}"\nage: 52\nsex: female\npregnant: false\nbreastfeeding: false\nkidney: none\n'
                       "complaints: [muscle_cramps, sleep_problems, fibromyalgia, restless_legs]\n"
                       "medications: [antibiotics]\n", encoding="utf-8")
    env = {"MAGNESIUM_DB": str(tmp / "intakes.sqlite3")}
    assert magnesium("advise", str(answers), "--save", env=env).returncode == 0
    html = tmp / "summary.html"
    result = magnesium("review", "1", "--note", "<img src=x onerror=alert(2)>", "--export", str(html), env=env)
    assert result.returncode == 0, result.stderr
    return html


def test_page_renders_without_console_messages(page, tmp_path):
    result = headless(tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert ":CONSOLE" not in result.stderr, result.stderr[-2000:]
    dom = result.stdout
    assert "<h1>Magnesiumadvies</h1>" in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in dom
    assert "&lt;img src=x onerror=alert(2)&gt;" in dom


def test_page_prints_to_a4(page, tmp_path):
    pdf = tmp_path / "summary.pdf"
    result = headless(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes, "no page in the PDF"
    assert all((round(float(w)), round(float(h))) == A4_POINTS for w, h in boxes)
    assert 1 <= len(boxes) <= 6
