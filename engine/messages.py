"""The words of every error message, in Dutch and English.

Messages say the fix first and the cause after it (as sqlite-utils does), so the first words a
reader sees are what to do. Codes are stable; tests pin the texts.
"""
from __future__ import annotations

from .safety_messages import SAFETY_TEMPLATES

_TEMPLATES: dict[str, dict[str, str]] = {
    "file_unreadable": {
        "nl": "geef een bestand dat te lezen is; {reason}",
        "en": "give a readable file; {reason}",
    },
    "not_utf8": {
        "nl": "sla het bestand op als UTF-8; byte {pos} is geen UTF-8",
        "en": "save the file as UTF-8; byte {pos} is not UTF-8",
    },
    "yaml_syntax": {
        "nl": "schrijf geldige YAML of JSON; {what}",
        "en": "write valid YAML or JSON; {what}",
    },
    "yaml_tag": {
        "nl": "gebruik alleen gewone waarden; tag {tag} is niet toegestaan",
        "en": "use plain values only; tag {tag} is not allowed",
    },
    "yaml_depth": {
        "nl": "nest hoogstens {depth} niveaus diep; dit bestand gaat dieper",
        "en": "nest at most {depth} levels deep; this file goes deeper",
    },
    "file_too_big": {
        "nl": "geef een kleiner bestand: hoogstens {limit}; dit is groter",
        "en": "give a smaller file: at most {limit}; this one is larger",
    },
    "stdin_closed": {
        "nl": "geef de antwoorden op standaardinvoer (zoals '- < antwoorden.yaml'); standaardinvoer is gesloten",
        "en": "give the answers on standard input (such as '- < answers.yaml'); standard input is closed",
    },
    "yaml_too_many": {
        "nl": "houd het bij hoogstens {max} waarden (een alias * telt elke keer mee); dit bestand heeft er meer",
        "en": "keep to at most {max} values (an alias * counts each time it is used); this file has more",
    },
    "yaml_merge": {
        "nl": "schrijf de sleutels zelf uit; samenvoegen met '<<' is niet toegestaan",
        "en": "write the keys out; merging with '<<' is not allowed",
    },
    "number_long": {
        "nl": "schrijf een getal van hoogstens {max} cijfers; dit getal heeft er {digits}",
        "en": "write a number of at most {max} digits; this one has {digits}",
    },
    "yaml_key_twice": {
        "nl": "geef elke sleutel één keer; '{name}' staat er twee keer",
        "en": "give each key once; '{name}' is given twice",
    },
    "yaml_key_plain": {
        "nl": "gebruik gewone tekst als sleutel",
        "en": "use plain text as a key",
    },
    "not_mapping": {
        "nl": "begin met sleutels en waarden (zoals 'age: 42'); nu staat er {got}",
        "en": "start with keys and values (such as 'age: 42'); found {got}",
    },
    "arg_required": {
        "nl": "geef ook {names}; dat ontbreekt (zie --help)",
        "en": "give {names} too; it is missing (see --help)",
    },
    "arg_unknown": {
        "nl": "laat weg of schrijf anders: {names}; dat kent het programma niet (zie --help)",
        "en": "leave out or correct: {names}; the program does not know it (see --help)",
    },
    "arg_value": {
        "nl": "geef een waarde na deze optie (zie --help)",
        "en": "give a value after this option (see --help)",
    },
    "arg_number": {
        "nl": "geef een heel getal; gekregen: {got}",
        "en": "give a whole number; got {got}",
    },
    "arg_other": {
        "nl": "{message} (zie --help)",
        "en": "{message} (see --help)",
    },
    "empty_file": {
        "nl": "vul het bestand met de antwoorden (zoals 'age: 42'); het is leeg",
        "en": "fill the file with the answers (such as 'age: 42'); it is empty",
    },
    "unknown_key": {
        "nl": "gebruik een van: {allowed}; '{got}' bestaat niet",
        "en": "use one of: {allowed}; '{got}' is not known",
    },
    "required": {
        "nl": "vul deze sleutel in ({allowed}); hij ontbreekt",
        "en": "fill in this key ({allowed}); it is missing",
    },
    "int_range": {
        "nl": "geef een heel getal van {lo} tot en met {hi}; gekregen: {got}",
        "en": "give a whole number from {lo} to {hi}; got {got}",
    },
    "number_range": {
        "nl": "geef een getal van {lo} tot en met {hi}, of null; gekregen: {got}",
        "en": "give a number from {lo} to {hi}, or null; got {got}",
    },
    "one_of": {
        "nl": "kies een van: {allowed}; gekregen: {got}",
        "en": "choose one of: {allowed}; got {got}",
    },
    "bool": {
        "nl": "geef true of false; gekregen: {got}",
        "en": "give true or false; got {got}",
    },
    "text_max": {
        "nl": "geef tekst van hoogstens {max} tekens; gekregen: {got}",
        "en": "give text of at most {max} characters; got {got}",
    },
    "text_long": {
        "nl": "maak de tekst korter: hoogstens {max} tekens; nu {length} tekens",
        "en": "make the text shorter: at most {max} characters; now {length} characters",
    },
    "list": {
        "nl": "geef een lijst, zoals [{example}]; gekregen: {got}",
        "en": "give a list, such as [{example}]; got {got}",
    },
    "id_twice": {
        "nl": "noem elke keuze één keer; '{got}' staat er twee keer",
        "en": "name each choice once; '{got}' is given twice",
    },
    "pregnancy_not_possible": {
        "nl": "laat deze weg of zet hem op false; {name} kan alleen bij geslacht female of other en leeftijd 12 tot en met 55",
        "en": "leave it out or set it to false; {name} is possible only for sex female or other at age 12 to 55",
    },
    "pregnancy_required": {
        "nl": "vul {name} in (true of false); voor een vrouw of 'other' van 12 tot en met 55 jaar is dat verplicht",
        "en": "fill in {name} (true or false); it is required for sex female or other at ages 12 to 55",
    },
    "age_months_missing": {
        "nl": "geef age_months (0 tot en met 11) bij age 0; hij ontbreekt",
        "en": "give age_months (0 to 11) when age is 0; it is missing",
    },
    "age_months_absent": {
        "nl": "laat age_months weg; hij hoort alleen bij age 0",
        "en": "leave age_months out; it belongs with age 0 only",
    },
    "excess_without_current": {
        "nl": "vul ook current_magnesium in, of laat excess_symptoms weg; klachten van te veel magnesium horen bij magnesium dat nu genomen wordt",
        "en": "fill in current_magnesium too, or leave excess_symptoms out; signs of too much magnesium belong with magnesium taken now",
    },
    "current_shape": {
        "nl": "geef null of {{form: ..., mg_per_day: ..., amount_basis: elemental of compound}}; gekregen: {got}",
        "en": "give null or {{form: ..., mg_per_day: ..., amount_basis: elemental or compound}}; got {got}",
    },
    "cond_shape": {
        "nl": "schrijf een voorwaarde als 'veld: waarde', all:, any:, not: of always; gekregen: {got}",
        "en": "write a condition as 'field: value', all:, any:, not: or always; got {got}",
    },
    "cond_list": {
        "nl": "geef bij '{name}' een lijst die niet leeg is",
        "en": "give '{name}' a list that is not empty",
    },
    "cond_field": {
        "nl": "gebruik een van: {allowed}; '{got}' bestaat niet",
        "en": "use one of: {allowed}; '{got}' is not known",
    },
    "cond_op": {
        "nl": "gebruik bij {field} een van: {allowed}",
        "en": "use one of these with {field}: {allowed}",
    },
    "cond_value": {
        "nl": "geef bij {field}: {allowed}; gekregen: {got}",
        "en": "give {field}: {allowed}; got {got}",
    },
    "rules_missing": {
        "nl": "zet de regelbestanden (*.yaml) in deze map; er staan er geen",
        "en": "put the rule files (*.yaml) in this folder; there are none",
    },
    "rules_top": {
        "nl": "begin het bestand met een van: {allowed}",
        "en": "start the file with one of: {allowed}",
    },
    "rules_list": {
        "nl": "geef een lijst van regels (elke regel begint met '- id: ...')",
        "en": "give a list of rules (each rule starts with '- id: ...')",
    },
    "rules_mapping": {
        "nl": "geef sleutels met waarden onder deze kop",
        "en": "give keys with values under this heading",
    },
    "words": {
        "nl": "geef de tekst in het Nederlands en Engels: {{nl: ..., en: ...}}",
        "en": "give the text in Dutch and English: {{nl: ..., en: ...}}",
    },
    "form_shape": {
        "nl": "geef kind (oral of topical), recommended (true/false), text {{nl, en}} en source",
        "en": "give kind (oral or topical), recommended (true/false), text {{nl, en}} and source",
    },
    "words_missing": {
        "nl": "geef dit id woorden onder catalogue: in nl en en; het contract gebruikt het",
        "en": "give this id its words under catalogue:, in nl and en; the contract uses it",
    },
    "text_missing": {
        "nl": "voeg deze tekst toe onder texts:, in nl en en; het programma gebruikt hem",
        "en": "add this text under texts:, in nl and en; the program uses it",
    },
    "source_missing": {
        "nl": "noem de bron in het Nederlands en Engels (bijvoorbeeld {{nl: 'artikel: deel 5', en: 'article: 5'}}); elke regel heeft een bron",
        "en": "name the source in Dutch and English (for example {{nl: 'artikel: deel 5', en: 'article: 5'}}); every rule has a source",
    },
    "rule_shape": {
        "nl": "schrijf een regel met id, title, when, source en then",
        "en": "write a rule with id, title, when, source and then",
    },
    "rule_id": {
        "nl": "geef een id van letters, cijfers, - en _",
        "en": "give an id of letters, digits, - and _",
    },
    "rule_id_twice": {
        "nl": "geef elke regel een eigen id; deze id bestaat al",
        "en": "give every rule its own id; this id is used already",
    },
    "then_shape": {
        "nl": "geef onder then: een of meer van: {allowed}",
        "en": "give one or more of these under then: {allowed}",
    },
    "warning_id": {
        "nl": "geef een id in kleine letters met _; gekregen: {got}",
        "en": "give an id in lower case with _; got {got}",
    },
    "then_amount": {
        "nl": "geef een getal boven 0 en tot en met 5000, een lijst [min, max] of null; gekregen: {got}",
        "en": "give a number above 0 and at most 5000, a list [min, max] or null; got {got}",
    },
    "then_topical": {
        "nl": "laat mg_per_day weg bij {form}; een spray of bad krijgt geen hoeveelheid",
        "en": "leave mg_per_day out for {form}; a spray or bath gets no amount",
    },
    "then_stage": {
        "nl": "gebruik bij stage: {stage} alleen {allowed}; '{got}' is dan al beslist",
        "en": "with stage: {stage} use only {allowed}; '{got}' is decided before that stage",
    },
    "then_limits": {
        "nl": "geef upper_limit: {{NIH: ..., EFSA: ...}}, elk een getal of null; gekregen: {got}",
        "en": "give upper_limit: {{NIH: ..., EFSA: ...}}, each a number or null; got {got}",
    },
    "doctor_first_warning": {
        "nl": "geef ook een warning met id {reason}; elke reden om eerst naar de arts te gaan heeft een waarschuwing",
        "en": "add a warning with id {reason} too; every reason to see the doctor first has a warning",
    },
    "evidence_shape": {
        "nl": "geef evidence: {{level: {allowed}, source: {{nl: ..., en: ...}}}} (en eventueel trial_dose: {{nl: ..., en: ...}}); elke aanbeveling noemt haar bewijs",
        "en": "give evidence: {{level: {allowed}, source: {{nl: ..., en: ...}}}} (and optionally trial_dose: {{nl: ..., en: ...}}); every recommendation states its evidence",
    },
    "form_excluded": {
        "nl": "kies een andere vorm; {form} wordt nooit aangeraden (forms: {form}: excluded zegt waarom)",
        "en": "choose another form; {form} is never recommended (forms: {form}: excluded says why)",
    },
    "triage_missing": {
        "nl": "geef dit antwoord een beslissing onder triage: {kind}: (block, doctor_first, referral, warning of none, met why en source); het heeft er geen",
        "en": "give this answer a decision under triage: {kind}: (block, doctor_first, referral, warning or none, with why and source); it has none",
    },
    "triage_profile": {
        "nl": "geef dit profiel when: (de voorwaarde) en decisions: (een lijst van beslissingen)",
        "en": "give this profile when: (its condition) and decisions: (a list of decisions)",
    },
    "triage_list": {
        "nl": "geef een lijst van beslissingen (elke begint met '- decision: ...')",
        "en": "give a list of decisions (each starts with '- decision: ...')",
    },
    "triage_shape": {
        "nl": "schrijf een beslissing met decision, why en source (en eventueel id, when, with); alleen deze sleutels: {allowed}",
        "en": "write a decision with decision, why and source (and id, when, with where needed); only these keys: {allowed}",
    },
    "triage_id": {
        "nl": "geef een id bij decision: {decision} (de reden of de waarschuwing), en geen id bij decision: none",
        "en": "give an id with decision: {decision} (the reason or the warning), and no id with decision: none",
    },
    "triage_default": {
        "nl": "geef ook een beslissing zonder when: en with: (wat dit antwoord zelf doet, of none); die ontbreekt",
        "en": "add a decision without when: and with: (what this answer does by itself, or none); it is missing",
    },
    "triage_pairs": {
        "nl": "geef ook een beslissing met with: {missing} (de paren met zwangerschap, borstvoeding, kinderen, 14-17 en 70+); die ontbreken",
        "en": "add a decision with with: {missing} too (the pairs with pregnancy, breastfeeding, children, 14-17 and 70+); they are missing",
    },
    "triage_unknown_id": {
        "nl": "noem bij decision: {decision} een id die een regel zo geeft: {allowed}; geen regel geeft {got}",
        "en": "name with decision: {decision} an id a rule gives that way: {allowed}; no rule gives {got}",
    },
    "settings_value": {
        "nl": "kies voor {name} een van: {allowed}; gekregen: {got}",
        "en": "choose one of {allowed} for {name}; got {got}",
    },
    "form_share": {
        "nl": "geef elemental_share: {{value: een getal groter dan 0 en kleiner dan 1 (of null), source: {{nl: ..., en: ...}}}}",
        "en": "give elemental_share: {{value: a number above 0 and below 1 (or null), source: {{nl: ..., en: ...}}}}",
    },
    "rule_too_complex": {
        "nl": "maak de voorwaarde eenvoudiger (minder any:-, in:- of any_of-keuzes die samen moeten gelden); ze wordt {count} losse patronen, hoogstens {max} kan de regelmachine aan",
        "en": "simplify the condition (fewer any:, in: or any_of choices that must hold together); it becomes {count} separate patterns, the rule engine takes at most {max}",
    },
    "rule_too_wide": {
        "nl": "test in één deel van de voorwaarde hoogstens {max} velden of waarden; nu {count}",
        "en": "test at most {max} fields or values in one part of the condition; now {count}",
    },
    "engine_refused": {
        "nl": "maak deze regels eenvoudiger of verdeel ze; de regelmachine weigert ze (foutcode {error}) bij: {rules}",
        "en": "simplify or split these rules; the rule engine refuses them (error code {error}) at: {rules}",
    },
    "then_intake": {
        "nl": "geef een getal of {{female: ..., male: ...}}; gekregen: {got}",
        "en": "give a number or {{female: ..., male: ...}}; got {got}",
    },
    "did_you_mean": {
        "nl": "; bedoel je {near}?",
        "en": "; did you mean {near}?",
    },
    "arg_unknown_close": {
        "nl": "laat weg of schrijf anders: {names}; dat kent het programma niet, bedoel je {close}? (zie --help)",
        "en": "leave out or correct: {names}; the program does not know it, did you mean {close}? (see --help)",
    },
    "file_missing": {
        "nl": "geef een bestand dat te lezen is; dit bestand bestaat niet",
        "en": "give a readable file; no such file or directory",
    },
    "file_denied": {
        "nl": "geef een bestand dat te lezen is; je hebt geen toestemming om het te lezen",
        "en": "give a readable file; permission denied",
    },
    "file_is_folder": {
        "nl": "geef een bestand dat te lezen is; dit is een map",
        "en": "give a readable file; is a directory",
    },
    "int_text": {
        "nl": "geef een heel getal van {lo} tot en met {hi} zonder aanhalingstekens (zoals {number}); gekregen: tekst tussen aanhalingstekens {got}",
        "en": "give a whole number from {lo} to {hi} without quotes (such as {number}); got text in quotes {got}",
    },
}
_TEMPLATES.update(SAFETY_TEMPLATES)  # the safety net's lines: promises, the safety floor, the plan


def text(code: str, lang: str, **params: object) -> str:
    """The message for `code` in `lang` (English where a language is missing)."""
    templates = _TEMPLATES[code]
    return templates.get(lang, templates["en"]).format(**params)
