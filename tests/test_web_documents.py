"""The handout from the browser: the page `magnesium handout N --out x.html` writes, served with
the document's own CSP (its inline style, nothing else), and its PDF as a download; refused, in
the command's words, without a plan; in the audit trail with the account; never without a sign-in."""
from __future__ import annotations

import pytest

from conftest import cli
from questionnaire.store import open_store
from web_support import CRAMPS, add_user, practice, signed_in


@pytest.fixture
def web(tmp_path):
    where = practice(tmp_path)
    add_user(where, "anna")
    where.client().finish(where.code().shown, CRAMPS)
    (tmp_path / "practice.yaml").write_text("name: Praktijk De Linde\nphone: 012-3456789\n", encoding="utf-8")
    return where


def test_without_a_plan_the_handout_is_refused_in_the_commands_words(web):
    from questionnaire.handout.handout_texts import HANDOUT_TEXTS

    response = signed_in(web).get("/praktijk/intake/1/folder.html")
    words = HANDOUT_TEXTS.say("err_no_plan", "nl", number=1)
    assert response.status_code == 409 and words in response.get_data(as_text=True).replace("&#39;", "'")


def test_the_handout_page_is_the_one_the_command_writes(web, tmp_path, capsys):
    browser = signed_in(web)
    assert browser.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "accept"}).status_code == 303
    response = browser.get("/praktijk/intake/1/folder.html")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert "script-src" not in response.headers["Content-Security-Policy"]
    assert cli(capsys, "handout", "1", "--db", str(web.db), "--out", str(tmp_path / "h.html"))[0] == 0
    assert response.get_data(as_text=True) == (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "Praktijk De Linde" in response.get_data(as_text=True)
    with open_store(str(web.db)) as kept:
        assert ("web:anna", "handout.written") in kept.engine.execute("SELECT actor, action FROM audit").fetchall()


def test_the_handout_as_pdf_is_a_download(web):
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (the pdf extra)")
    browser = signed_in(web)
    browser.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "accept"})
    response = browser.http.get("/praktijk/intake/1/folder.pdf")
    if response.status_code == 503:
        pytest.skip("WeasyPrint cannot run here (Pango missing)")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="folder-intake-1.pdf"'
    assert response.get_data()[:5] == b"%PDF-"


def test_no_document_without_a_sign_in(web):
    browser = web.client()
    for url in ("/praktijk/intake/1/folder.html", "/praktijk/intake/1/folder.pdf"):
        assert browser.get(url).headers["Location"] == "/praktijk/inloggen"
