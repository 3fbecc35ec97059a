"""The PDF of the handout and the letter (WeasyPrint, from the same HTML): A4, fonts embedded,
the page count the handout's estimate promises (one page when it says it fits; else the safety
parts on the front with "Zie ommezijde"), the text a reader extracts, and the command's file."""
from __future__ import annotations

import dataclasses
import io
import stat

import pytest
import yaml

from conftest import cli
from documents_cases import CASES, FOLLOW_UP, PRACTICE, answers_of, item, kept, plan
from questionnaire.common.document_html import render_html
from questionnaire.handout.content import BACK, FOOTER_LINES, HEADER_LINES, PAGE_LINES, _cost, build_handout
from test_letter import LETTERS, letter

try:
    import weasyprint  # noqa: F401 - the PDF extra and the system's Pango, or these tests are skipped
except (ImportError, OSError) as missing:  # OSError: the package is there, Pango is not
    pytest.skip(f"no PDF here: {missing} (pip install '.[pdf]'; Debian: libpango-1.0-0 libpangoft2-1.0-0)",
                allow_module_level=True)
pypdf = pytest.importorskip("pypdf")

from questionnaire.common.document_pdf import render_pdf  # noqa: E402

A4 = (595, 842)
LONG = ({"client": "Dhr. Bakker", "age": 66, "sex": "male", "kidney": "none", "kidney_checked": True,
         "complaints": ["muscle_cramps", "heartburn", "muscle_pain", "restless_legs", "sports_muscle_pain"],
         "medications": ["antibiotics", "bisphosphonates"],
         "current_magnesium": {"form": "glycinate", "mg_per_day": 250, "amount_basis": "elemental"}},
        plan(item("citrate", 200, timing="'s avonds", duration_days=60, product_mg_per_unit=100, unit="tablet",
                  product="Magnesium Citraat 100", change_reason="client_preference"), item("chloride_spray", None),
             client_note="Neem de tabletten bij het avondeten, en gebruik de spray na het sporten op de kuiten."))


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def fonts_embedded(reader: pypdf.PdfReader) -> bool:
    """Every font of every page carries its font file (a subset), so the page prints as made."""
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for each in descendants:
                descriptor = each["/FontDescriptor"].get_object()
                if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    return False
    return True


def handout(adv, answers: dict, given: dict, lang: str = "nl"):
    from engine.answers import complete

    client = complete(answers)
    return build_handout(client, adv.advise(client, lang), {"version": 1, "created_at": "2025-01-15T10:32:00+01:00",
                                                            "plan": given}, FOLLOW_UP, adv.base, lang, PRACTICE)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_handout_that_fits_is_one_a4_page_with_its_fonts_and_its_words(adv, case, lang):
    made = handout(adv, *CASES[case], lang)
    reader = read(render_pdf(render_html(made)).data)
    split = any(part.new_page for part in made.parts)
    assert len(reader.pages) == (2 if split else 1)
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4 for p in reader.pages)
    assert fonts_embedded(reader)
    front = " ".join(reader.pages[0].extract_text().split())
    assert ("Jouw magnesiumplan" if lang == "nl" else "Your magnesium plan") in front
    if case != "doctor-not-advised":  # nothing to take, so no signs of too much to watch
        assert ("Heel trage ademhaling: bel 112." if lang == "nl" else "Very slow breathing: call 112.") in front


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_long_handout_keeps_safety_on_the_front_and_says_turn_over(adv, lang):
    made = handout(adv, *LONG, lang)
    assert any(part.new_page for part in made.parts)
    reader = read(render_pdf(render_html(made)).data)
    assert len(reader.pages) == 2
    front, back = (" ".join(p.extract_text().split()) for p in reader.pages)
    turn = "Zie ommezijde." if lang == "nl" else "Please turn over."
    assert front.endswith(turn) or turn in front
    for key in ("Stop met je magnesiumglycinaat", "3 tot 4 uur", "bel 112", "Vragen? Bel") if lang == "nl" else (
            "Stop your magnesium glycinate", "3 to 4 hours", "call 112", "Questions? Call"):
        assert key in front, key
    assert ("Eet hier meer van" if lang == "nl" else "Eat more of these") in back
    assert all(part.key in BACK for part in made.parts[[p.new_page for p in made.parts].index(True):])


def test_the_estimate_never_says_fits_where_the_pdf_needs_two_pages(adv):
    """Over every case and the long one, in both languages: a handout the estimate keeps on one
    page prints on one page (the estimate may be cautious, never hopeful)."""
    for answers, given in [*CASES.values(), LONG]:
        for lang in ("nl", "en"):
            made = handout(adv, answers, given, lang)
            whole = dataclasses.replace(made, parts=tuple(dataclasses.replace(p, new_page=False) for p in made.parts
                                                          if p.key != "turn_over"))
            estimate = HEADER_LINES + FOOTER_LINES + sum(_cost(p) for p in whole.parts)
            if estimate <= PAGE_LINES:
                assert render_pdf(render_html(whole)).pages == 1, (answers, lang, estimate)


@pytest.mark.parametrize("case", list(LETTERS))
def test_a_letter_is_two_pages_the_reply_on_its_own(adv, case):
    from questionnaire.common.document_html import render_html as html

    reader = read(render_pdf(letter(adv, case, "nl", html)).data)
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) == 2 and fonts_embedded(reader)  # one page of letter, the reply on its own
    *letter_pages, reply = pages
    assert "Verzoek om uw oordeel" in letter_pages[0] and "Mijn vraag" in " ".join(letter_pages)
    assert reply.startswith("Antwoord van de huisarts") and "☐ Geen magnesiumsupplement geadviseerd" in reply


def test_the_commands_write_a_private_pdf_and_say_how_many_pages(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "intakes.sqlite3"))
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(CASES["replaced"][0]), encoding="utf-8")
    (tmp_path / "practice.yaml").write_text(yaml.safe_dump(PRACTICE), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text("items:\n  - form: citrate\n    mg_per_day: 200\n", encoding="utf-8")
    assert cli(capsys, "advise", str(tmp_path / "a.yaml"), "--save")[0] == 0
    assert cli(capsys, "plan", "1", "--from", str(tmp_path / "plan.yaml"))[0] == 0
    out = tmp_path / "handout.pdf"
    assert cli(capsys, "handout", "1", "--out", str(out)) == (0, "", f"intake 1: handout opgeslagen in {out} (1 A4)\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_bytes().startswith(b"%PDF-")
    assert "Stop met je magnesiumglycinaat" in " ".join(read(out.read_bytes()).pages[0].extract_text().split())
    from questionnaire.common.clock import now

    letter_out = tmp_path / "brief.pdf"
    code, _, err = cli(capsys, "letter", "1", "--out", str(letter_out), "--name", "Mevr. J. Jansen",
                       "--born", str(now().year - 42))
    assert (code, err) == (0, f"intake 1: brief aan de huisarts opgeslagen in {letter_out} (2 A4)\n")


def test_without_weasyprint_one_line_says_what_to_install(tmp_path, monkeypatch, capsys):
    import builtins

    plain = builtins.__import__

    def missing(name: str, *args: object, **kwargs: object):  # noqa: ANN202 - the import hook's shape
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return plain(name, *args, **kwargs)

    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "intakes.sqlite3"))
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(CASES["simple"][0]), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text("items:\n  - form: citrate\n    mg_per_day: 200\n", encoding="utf-8")
    cli(capsys, "advise", str(tmp_path / "a.yaml"), "--save")
    cli(capsys, "plan", "1", "--from", str(tmp_path / "plan.yaml"))
    monkeypatch.setattr(builtins, "__import__", missing)
    code, out, err = cli(capsys, "handout", "1", "--out", str(tmp_path / "h.pdf"), "--lang", "en")
    assert (code, out) == (2, "") and not (tmp_path / "h.pdf").exists()
    assert err == (f"{tmp_path / 'h.pdf'}: --out: install the PDF extra (make, or .venv/bin/pip install '.[pdf]'; on "
                   "Debian also apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core), or choose .html; "
                   "No module named 'weasyprint'\n")


def test_the_cases_are_the_shared_ones():
    assert set(LETTERS) == {"doctor", "blocked", "request"} and kept("simple")["version"] == 1
    assert answers_of("minor")["age"] == 15
