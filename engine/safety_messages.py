"""The words of the safety net's lines, in Dutch and English (engine/messages.py serves them).

A broken promise (promises.py), the safety floor's refusal with its test client in words
(safety_floor.py), and each finding of a practitioner's plan (plan_check.py): kept apart from
the loader's and the answers' messages so that each file stays readable.
"""
from __future__ import annotations

SAFETY_TEMPLATES: dict[str, dict[str, str]] = {
    # --- a broken promise, and the safety floor (promises.py, safety_floor.py) ---------------
    "promise_broken": {
        "nl": "zet de veiligheidsregel terug die '{promise}' belooft; de regelbestanden houden zich er niet aan",
        "en": "restore the safety rule that keeps the promise '{promise}'; the rule files break it",
    },
    "floor_broken": {
        "nl": "zet de veiligheidsregel terug die '{promise}' belooft; de regelbestanden houden zich er niet aan bij de proefcliënt: {probe}",
        "en": "restore the safety rule that keeps the promise '{promise}'; the rule files break it for the test client: {probe}",
    },
    "floor_id_missing": {
        "nl": "zet '{item}' terug onder catalogue: {kind}:; de veiligheidsbeloften vragen ernaar, dus een cliënt moet het kunnen noemen",
        "en": "put '{item}' back under catalogue: {kind}:; the safety promises ask about it, so a client must be able to report it",
    },
    "limit_beyond_references": {
        "nl": "geef upper_limit {{NIH: ..., EFSA: ...}} een grens die NIH of EFSA voor deze leeftijd stelt (hoogstens 65 mg bij 1-3, 250 mg bij 4-8, 350 mg vanaf 9 jaar); nu ontbreekt hij of ligt hij hoger",
        "en": "give upper_limit {{NIH: ..., EFSA: ...}} a limit NIH or EFSA sets for this age (at most 65 mg at 1-3, 250 mg at 4-8, 350 mg from 9); now it is missing or higher",
    },
    "probe_age": {"nl": "{age} jaar", "en": "aged {age}"},
    "probe_months": {"nl": "{months} maanden", "en": "{months} months old"},
    "probe_kidney_checked": {"nl": "nierfunctie gemeten", "en": "kidney function measured"},
    "probe_pregnant": {"nl": "zwanger", "en": "pregnant"},
    "probe_breastfeeding": {"nl": "geeft borstvoeding", "en": "breastfeeding"},
    "probe_current": {"nl": "neemt nu {mg} mg magnesium als {form}", "en": "takes {mg} mg of magnesium as {form} now"},
    "probe_current_compound": {"nl": "neemt nu {mg} mg {form} (het gewicht van het zout)",
                               "en": "takes {mg} mg of {form} now (the weight of the salt)"},
    "reference_count": {
        "nl": "zorg dat precies één referentieregel past bij leeftijd {age}, geslacht {sex}; nu passen er {count} ({rules})",
        "en": "make exactly one reference rule fit age {age}, sex {sex}; now {count} fit ({rules})",
    },
    # --- a practitioner's plan (plan_check.py) -------------------------------------------------
    "plan_blocked": {
        "nl": "laat items leeg; het advies is geblokkeerd, dus geen supplement (de samenvatting zegt waarom)",
        "en": "leave items empty; the advice is blocked, so no supplement (the summary says why)",
    },
    "plan_above_limit": {
        "nl": "geef hoogstens {limit} mg (de bovengrens), of leg onder doctor_answer: vast dat de arts met deze vorm en hoeveelheid instemde; gekregen: {got}",
        "en": "give at most {limit} mg (the upper limit), or record under doctor_answer: that the doctor agreed to this form and amount; got {got}",
    },
    "plan_doctor_first": {
        "nl": "zet mg_per_day: null, of leg onder doctor_answer: vast dat de arts met deze vorm en hoeveelheid instemde; het advies zegt: eerst de arts",
        "en": "set mg_per_day: null, or record under doctor_answer: that the doctor agreed to this form and amount; the advice says: doctor first",
    },
    "plan_above_ceiling": {
        "nl": "geef hoogstens {ceiling} mg: ook met instemming van de arts neemt het plan niet meer op dan twee keer de bovengrens van {limit} mg; gekregen: {got}",
        "en": "give at most {ceiling} mg: even with the doctor's consent a plan holds no more than twice the upper limit of {limit} mg; got {got}",
    },
    "plan_form_avoided": {
        "nl": "kies een andere vorm, of leg onder doctor_answer: vast dat de arts met deze vorm instemde; het advies raadt {got} af",
        "en": "choose another form, or record under doctor_answer: that the doctor agreed to this form; the advice says to avoid {got}",
    },
    "plan_above_agreed": {
        "nl": "geef hoogstens {agreed} mg, de hoeveelheid waarmee de arts instemde (doctor_answer:); gekregen: {got}",
        "en": "give at most {agreed} mg, the amount the doctor agreed to (doctor_answer:); got {got}",
    },
    "plan_doctor_not_advised": {
        "nl": "laat items leeg; de arts raadt een supplement af (doctor_answer: outcome: not_advised)",
        "en": "leave items empty; the doctor advises against a supplement (doctor_answer: outcome: not_advised)",
    },
    "plan_one_oral": {
        "nl": "houd één vorm om in te nemen; {got} is een tweede",
        "en": "keep one form to swallow; {got} is a second one",
    },
    "plan_form_unknown": {
        "nl": "kies een van: {allowed}; gekregen: {got}",
        "en": "choose one of: {allowed}; got {got}",
    },
    "plan_reason_needed": {
        "nl": "geef change_reason ({allowed}); dit item wijkt af van het advies in: {what}",
        "en": "give change_reason ({allowed}); this item differs from the advice in: {what}",
    },
    "plan_total_above_limit": {
        "nl": "houd de vormen om in te nemen samen op hoogstens {limit} mg per dag (de bovengrens), of leg onder doctor_answer: vast dat de arts met deze hoeveelheid instemde; samen nu {got} mg",
        "en": "keep the forms to swallow at {limit} mg a day together at most (the upper limit), or record under doctor_answer: that the doctor agreed to this amount; together now {got} mg",
    },
    "plan_total_above_ceiling": {
        "nl": "houd de vormen om in te nemen samen op hoogstens {ceiling} mg per dag: ook met instemming van de arts neemt het plan niet meer op dan twee keer de bovengrens van {limit} mg; samen nu {got} mg",
        "en": "keep the forms to swallow at {ceiling} mg a day together at most: even with the doctor's consent a plan holds no more than twice the upper limit of {limit} mg; together now {got} mg",
    },
    "plan_form_twice": {
        "nl": "noem elke vorm één keer; {got} staat al eerder in het plan",
        "en": "name each form once; {got} is in the plan already",
    },
    "plan_topical_amount": {
        "nl": "zet mg_per_day: null; een spray of bad wordt niet ingenomen en krijgt geen hoeveelheid; gekregen: {got}",
        "en": "set mg_per_day: null; a spray or bath is not swallowed and has no amount; got {got}",
    },
    "plan_units_zero": {
        "nl": "kies een product met hoogstens {mg} mg per eenheid; {per_unit} mg per eenheid is meer dan de dagelijkse hoeveelheid",
        "en": "choose a product with at most {mg} mg a unit; {per_unit} mg a unit is more than the daily amount",
    },
}
