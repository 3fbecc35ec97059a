"""The letter to the GP from the browser: the very letter `magnesium letter N --out x.html` writes
(the same builder), whom it is about from the client's details or from the letter page (each
problem beside its field, with the command's checks), offered where the advice is blocked or says
doctor first and on request for any intake, refused without a practice file, in the audit trail
with the account, a two-page PDF as a download, and never without a sign-in."""
from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pytest

from conftest import cli
from questionnaire.store import open_store
from questionnaire.web import letter_details
from web_support import CRAMPS, KIDNEYS, add_user, practice, signed_in


@pytest.fixture
def web(tmp_path):
    """Intake 1 (cramps: advice without the GP) and intake 2 (kidney problems: blocked), both
    without a client; a practice file beside the store."""
    where = practice(tmp_path)
    add_user(where, "anna")
    where.client().finish(where.code().shown, CRAMPS)
    where.client().finish(where.code().shown, KIDNEYS)
    with open_store(str(where.db)) as kept:
        assert kept.client_links() == {1: None, 2: None}
        assert not kept.get(1).advice["doctor_first"] and kept.get(2).blocked
    (tmp_path / "practice.yaml").write_text("name: Praktijk De Linde\nphone: 012-3456789\n", encoding="utf-8")
    return where


def text_of(response) -> str:
    return response.get_data(as_text=True)


def errors_of(response) -> dict[str, str]:
    """Each problem beside its field: {field: words}."""
    return {field: re.sub(r"<[^>]+>", "", words).removeprefix("Fout: ")
            for field, words in re.findall(r'<p class="error-message" id="([\w-]+)-error">(.*?)</p>', text_of(response),
                                   re.S)}


def with_client(web, birth: str, gp: str | None = "dr. K. Bakker, huisarts") -> None:
    """Client 1 (Kees Visser, born `birth`, with a GP) and intake 2 linked to him."""
    with open_store(str(web.db)) as kept:
        number = kept.add_client({"name": "Kees Visser", "birth": birth, "contact": None, "gp": gp})
        kept.link_intake(2, number)


def command_letter(capsys, web, tmp_path, *options: str) -> str:
    out = tmp_path / "command-letter.html"
    assert cli(capsys, "letter", "2", "--db", str(web.db), "--out", str(out), *options)[0] == 0
    return out.read_text(encoding="utf-8")


def test_why_the_letter_is_offered_and_the_details_it_takes_from_a_client():
    assert [letter_details.why(a) for a in ({"blocked": True, "doctor_first": True}, {"doctor_first": True}, {})] == \
        ["blocked", "doctor_first", "request"]
    client = SimpleNamespace(name="Kees Visser", birth="1964-03-12", gp=None)
    assert letter_details.from_client(client) == {"name": "Kees Visser", "born": "1964", "to": ""}
    assert letter_details.from_client(None) == {}


@pytest.mark.parametrize("values, wrong", [
    ({"name": "Kees", "born": "1964"}, set()),
    ({"name": "Kees", "born": " 1965 "}, set()),
    ({"name": " ", "born": "1964"}, {"name"}),
    ({"name": "K" * 101, "born": "1964"}, {"name"}),
    ({"name": "Kees", "born": "1963"}, {"born"}),
    ({"name": "Kees", "born": "1966"}, {"born"}),
    ({"name": "Kees", "born": "²⁰¹⁹"}, {"born"}),  # digits to Python's isdigit, no number to int()
    ({"name": "Kees", "born": ""}, {"born"}),
    ({"name": "Kees", "born": "1964", "to": "d" * 201}, {"to"}),
    ({"name": "Kees\u200b", "born": "1964", "to": "dr.\x07"}, {"name", "to"}),
])
def test_the_page_checks_as_the_command_checks(values, wrong):
    intake = SimpleNamespace(created_at="2026-12-05T10:00:00+01:00", answers={"age": 61})
    assert set(letter_details.problems(intake, values, "nl")) == wrong


def test_without_a_client_the_page_asks_and_says_each_problem_beside_its_field(web):
    browser = signed_in(web)
    page = text_of(browser.get("/praktijk/intake/2"))
    assert "Het advies is geblokkeerd" in page and 'href="/praktijk/intake/2/brief"' in page
    assert "/praktijk/intake/2/brief.pdf" not in page  # nothing to take the name and the year from
    asked = browser.get("/praktijk/intake/2/brief")
    assert asked.status_code == 200 and 'value="Kees"' in text_of(asked) and errors_of(asked) == {}
    wrong = browser.post("/praktijk/intake/2/brief", {"name": "", "born": "1970", "to": "", "lang": "nl", "fmt": "pdf"})
    assert wrong.status_code == 200 and wrong.mimetype == "text/html"  # as every form of the workspace
    said = errors_of(wrong)
    assert said["name"] == "Typ de naam van de cliënt, hoogstens 100 tekens."
    assert said["born"].startswith("Typ een jaar van 1964 tot en met 1965: de intake zegt 61 jaar op ")
    assert "<title>Fout: " in text_of(wrong) and 'href="#born"' in text_of(wrong) and 'value="1970"' in text_of(wrong)
    assert 'aria-describedby="born-hint born-error"' in text_of(wrong)
    with open_store(str(web.db)) as kept:
        assert "letter.written" not in [e["action"] for e in kept.history(2)]


def test_the_letter_from_the_page_is_the_one_the_command_writes(web, tmp_path, capsys):
    browser = signed_in(web)
    browser.get("/praktijk/intake/2/brief")
    response = browser.post("/praktijk/intake/2/brief", {"name": " Kees  Visser ", "born": "1964",
                                                         "to": "dr. K. Bakker", "lang": "nl", "fmt": "html"})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'inline; filename="brief-intake-2.html"'
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'; style-src 'unsafe-inline'")
    assert "script-src" not in response.headers["Content-Security-Policy"]
    made = command_letter(capsys, web, tmp_path, "--name", "Kees Visser", "--born", "1964", "--to", "dr. K. Bakker")
    assert text_of(response) == made and "Praktijk De Linde" in made and "Kees Visser, geboren 1964" in made
    with open_store(str(web.db)) as kept:
        assert ("web:anna", "letter.written") in [(e["actor"], e["action"]) for e in kept.history(2)]
        assert kept.unanswered_letters() == {2}  # the list says: letter to the GP not answered yet


def test_on_request_in_english_as_the_command_with_lang(web, tmp_path, capsys):
    browser = signed_in(web)
    page = text_of(browser.get("/praktijk/intake/1"))
    assert "Het advies is geblokkeerd" not in page and "eerst de huisarts" not in page
    assert page.index("Folder voor de cliënt als PDF") < page.index('href="/praktijk/intake/1/brief"')  # last
    name = "Mevr. <b>Jansen</b> & Co"
    response = browser.post("/praktijk/intake/1/brief", {"name": name, "born": "1974", "to": "", "lang": "en",
                                                         "fmt": "html"})
    out = tmp_path / "en.html"
    assert cli(capsys, "letter", "1", "--db", str(web.db), "--out", str(out), "--name", name, "--born", "1974",
               "--lang", "en")[0] == 0
    assert text_of(response) == out.read_text(encoding="utf-8") and '<html lang="en">' in text_of(response)
    assert "Mevr. &lt;b&gt;Jansen&lt;/b&gt; &amp; Co" in text_of(response) and "<b>" not in text_of(response)
    assert response.headers["Content-Disposition"] == 'inline; filename="brief-intake-1.html"'


def test_a_clients_details_make_the_letter_with_their_gp(web, tmp_path, capsys):
    with_client(web, "1964-03-12")
    browser = signed_in(web)
    page = text_of(browser.get("/praktijk/intake/2"))
    assert 'href="/praktijk/intake/2/brief.pdf" download' in page
    assert page.index("brief.pdf") < page.index("folder.pdf")  # blocked: the letter first
    assert "Over Kees Visser, geboren 1964, aan dr. K. Bakker, huisarts: uit de gegevens van de cliënt." in page
    response = browser.get("/praktijk/intake/2/brief.html")
    made = command_letter(capsys, web, tmp_path, "--name", "Kees Visser", "--born", "1964",
                          "--to", "dr. K. Bakker, huisarts")
    assert response.status_code == 200 and text_of(response) == made
    browser.post("/praktijk/intake/1/client", {"client": "1"})  # advice without the GP: no letter on his page
    client = text_of(browser.get("/praktijk/client/1"))
    assert 'href="/praktijk/intake/2/brief.html"' in client and 'href="/praktijk/intake/2/brief"' in client
    assert "/praktijk/intake/1/brief" not in client and 'href="/praktijk/intake/1"' in client
    asked = browser.get("/praktijk/intake/2/brief")  # another name, addressee or language: from his details
    assert 'value="Kees Visser"' in text_of(asked) and 'value="1964"' in text_of(asked) and errors_of(asked) == {}


def test_a_client_without_a_gp_gets_the_letter_to_their_gp(web, tmp_path, capsys):
    with_client(web, "1965", gp=None)
    browser = signed_in(web)
    assert "aan de huisarts: uit de gegevens van de cliënt" in text_of(browser.get("/praktijk/intake/2"))
    made = command_letter(capsys, web, tmp_path, "--name", "Kees Visser", "--born", "1965")
    assert text_of(browser.get("/praktijk/intake/2/brief.html")) == made and "de huisarts van Kees Visser" in made


def test_a_birth_year_that_does_not_fit_the_intake_is_asked_again(web):
    with_client(web, "1990")
    browser = signed_in(web)
    page = text_of(browser.get("/praktijk/intake/2"))
    assert "brief.pdf" not in page and "Brief aan de huisarts (eerst naam en geboortejaar)" in page
    assert browser.get("/praktijk/intake/2/brief.pdf").headers["Location"] == "/praktijk/intake/2/brief"
    asked = browser.get("/praktijk/intake/2/brief")
    assert set(errors_of(asked)) == {"born"} and 'value="1990"' in text_of(asked)
    with open_store(str(web.db)) as kept:
        assert "letter.written" not in [e["action"] for e in kept.history(2)]


def test_without_a_practice_file_the_letter_is_refused_and_says_where(web, tmp_path):
    (tmp_path / "practice.yaml").unlink()
    browser = signed_in(web)
    browser.get("/praktijk/intake/2/brief")
    response = browser.post("/praktijk/intake/2/brief", {"name": "Kees", "born": "1964", "lang": "nl", "fmt": "html"})
    assert response.status_code == 409 and "Een brief heeft een afzender nodig" in text_of(response)
    assert str(tmp_path / "practice.yaml") in text_of(response)


def test_a_wrong_practice_file_refuses_the_documents_with_its_place(web, tmp_path):
    (tmp_path / "practice.yaml").write_text("name: Praktijk De Linde\nfax: 012\n", encoding="utf-8")
    browser = signed_in(web)
    browser.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "accept"})
    for response in (browser.get("/praktijk/intake/1/folder.html"),
                     browser.post("/praktijk/intake/1/brief", {"name": "Jansen", "born": "1974", "lang": "nl"})):
        assert response.status_code == 409 and "practice.yaml" in text_of(response) and "fax" in text_of(response)


def test_the_letter_as_pdf_is_a_two_page_download(web):
    pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (the pdf extra)")
    pypdf = pytest.importorskip("pypdf")
    with_client(web, "1964")
    browser = signed_in(web)
    response = browser.http.get("/praktijk/intake/2/brief.pdf")
    if response.status_code == 503:
        pytest.skip("WeasyPrint cannot run here (Pango missing)")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="brief-intake-2.pdf"'
    reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
    assert len(reader.pages) == 2
    first, reply = (" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Betreft Kees Visser, geboren 1964" in first and "Aan dr. K. Bakker, huisarts" in first
    assert "Praktijk De Linde" in first and reply.startswith("Antwoord van de huisarts")


def test_no_letter_without_a_sign_in(web):
    browser = web.client()
    for url in ("/praktijk/intake/2/brief", "/praktijk/intake/2/brief.html", "/praktijk/intake/2/brief.pdf"):
        assert browser.get(url).headers["Location"] == "/praktijk/inloggen"
    browser.get("/")  # a form token of the client's pages
    response = browser.post("/praktijk/intake/2/brief", {"name": "Kees", "born": "1964", "lang": "nl"})
    assert response.headers["Location"] == "/praktijk/inloggen"
    with open_store(str(web.db)) as kept:
        assert "letter.written" not in [e["action"] for e in kept.history(2)]
