"""The plan in the browser: it starts from the latest plan, keeps what `plan --from` would keep
for the same choices, refuses what the plan file's checks refuse (each problem beside its
recommendation or answer, nothing kept), takes the doctor's answer as the file does, and never
overwrites a plan another desk kept meanwhile."""
from __future__ import annotations

import pytest

from conftest import cli
from questionnaire.store import open_store
from web_support import CRAMPS, KIDNEYS, add_user, practice, signed_in


@pytest.fixture
def web(tmp_path):
    where = practice(tmp_path)
    add_user(where, "anna")
    where.client().finish(where.code().shown, CRAMPS)  # citrate 100-250 mg, limit 250
    return where


def plans(where) -> list[dict]:
    with open_store(str(where.db)) as kept:
        return kept.plans(1)


def test_a_plan_made_in_the_browser_is_the_one_the_plan_file_keeps(web, tmp_path, capsys):
    browser = signed_in(web)
    response = browser.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "change", "mg-0": "150",
                                                        "reason-0": "client_preference", "note": "Rustig opbouwen.",
                                                        "client_note": "Neem het bij het avondeten."})
    assert response.status_code == 303 and response.headers["Location"] == "/praktijk/intake/1"
    (tmp_path / "plan.yaml").write_text(
        "items:\n  - form: citrate\n    mg_per_day: 150\n    timing: een paar uur voor het slapengaan\n"
        "    change_reason: client_preference\nnote: Rustig opbouwen.\nclient_note: Neem het bij het avondeten.\n",
        encoding="utf-8")
    assert cli(capsys, "plan", "1", "--db", str(web.db), "--from", str(tmp_path / "plan.yaml"))[0] == 0
    web_plan, file_plan = (p["plan"] for p in plans(web))
    assert web_plan == file_plan
    with open_store(str(web.db)) as kept:
        assert ("web:anna", "plan.saved") in kept.engine.execute("SELECT actor, action FROM audit").fetchall()


def test_the_page_starts_from_the_latest_plan(web):
    browser = signed_in(web)
    browser.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "drop", "reason-0": "already_tried"})
    page = browser.get("/praktijk/intake/1/plan").get_data(as_text=True)
    assert 'value="drop" checked' in page and '<option value="already_tried" selected>' in page
    assert "Er zijn al 1 versies" in page


@pytest.mark.parametrize("form,field,words", [
    ({"action-0": "change", "mg-0": "2000", "reason-0": "client_preference"}, "mg-0", "hoogstens 250 mg"),
    ({"action-0": "change", "mg-0": "veel", "reason-0": "client_preference"}, "mg-0", "Typ een getal"),
    ({"action-0": "change", "mg-0": "150"}, "reason-0", "Kies een reden."),
    ({"action-0": "drop"}, "reason-0", "Kies een reden."),
    ({"action-0": "change", "mg-0": "150", "reason-0": "continued"}, "reason-0", "kies een andere reden"),
    ({"action-0": "accept", "answer-outcome": "agreed", "answer-doctor": "dr. Bakker", "answer-date": "31-02-2027"},
     "answer-date", "Typ een datum"),
])
def test_what_the_checks_refuse_is_said_beside_its_field_and_nothing_is_kept(web, form, field, words):
    page = signed_in(web).post("/praktijk/intake/1/plan", {"versions": "0", **form}).get_data(as_text=True)
    assert f'id="{field}-error"' in page and words in page[page.index(f'id="{field}-error"'):][:400]
    assert f'href="#{field}"' in page  # in the summary on top, linked to the field
    assert plans(web) == []


def test_the_doctors_answer_lets_an_amount_above_the_limit_in(web):
    browser = signed_in(web)
    form = {"versions": "0", "action-0": "change", "mg-0": "350", "reason-0": "doctor_advice",
            "answer-outcome": "agreed", "answer-doctor": "dr. K. Bakker", "answer-date": "10-12-2026",
            "answer-form": "citrate", "answer-mg": "350"}
    assert browser.post("/praktijk/intake/1/plan", form).status_code == 303
    kept = plans(web)[-1]["plan"]
    assert kept["items"][0]["mg_per_day"] == 350 and kept["doctor_agreed"] is True
    assert kept["doctor_answer"] == {"doctor": "dr. K. Bakker", "date": "2026-12-10", "outcome": "agreed",
                                     "form": "citrate", "mg_per_day": 350, "until": None}


def test_a_plan_kept_at_another_desk_meanwhile_is_not_overwritten(web):
    first, second = signed_in(web), signed_in(web)
    assert first.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "accept"}).status_code == 303
    response = second.post("/praktijk/intake/1/plan", {"versions": "0", "action-0": "drop", "reason-0": "other"})
    assert response.status_code == 409 and "Iemand anders heeft intussen een plan bewaard" in response.get_data(as_text=True)
    assert len(plans(web)) == 1


def test_a_blocked_advice_offers_nothing_to_take(web):
    web.client().finish(web.code().shown, KIDNEYS)
    browser = signed_in(web)
    page = browser.get("/praktijk/intake/2/plan").get_data(as_text=True)
    assert "Het advies noemt geen vorm om te nemen" in page and 'name="action-0"' not in page
