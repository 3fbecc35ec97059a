"""`magnesium label`: a label's amount as the salt and as magnesium, by the form's share (rules/forms.yaml)."""
from __future__ import annotations

import pytest

from conftest import magnesium


@pytest.mark.parametrize("form,mg,basis,line", [
    ("citrate", "1000", "--compound", "1000 mg Magnesiumcitraat (het zout) is ongeveer 160 mg magnesium (16% van"),
    ("oxide", "400 mg", "--compound", "400 mg Magnesiumoxide (het zout) is ongeveer 240 mg magnesium (60% van"),
    ("glycinate", "100", "--elemental", "100 mg magnesium is ongeveer 714 mg Magnesiumglycinaat (bisglycinaat) (het zout)"),
    ("gluconate", "1000,5", "--compound", "1000 mg Magnesiumgluconaat (het zout) is ongeveer 58 mg magnesium"),
])
def test_both_values_by_the_forms_share(form, mg, basis, line):
    result = magnesium("label", form, mg, basis)
    assert result.returncode == 0 and result.stdout.startswith(line), result.stdout + result.stderr


def test_a_form_without_a_fixed_share_says_follow_the_label():
    result = magnesium("label", "chelate", "500", "--compound", "--lang", "en")
    assert result.returncode == 0 and result.stdout.startswith("For Magnesium chelate the share of magnesium differs")


@pytest.mark.parametrize("args,line", [
    (("citraat", "1000", "--compound"), "magnesium label: form: kies een van: citrate, chloride,"),
    (("citrate", "veel", "--compound"), "magnesium label: mg: geef de milligram van het etiket"),
    (("citrate", "0", "--elemental"), "magnesium label: mg: geef de milligram van het etiket"),
])
def test_bad_input_is_one_line(args, line):
    result = magnesium("label", *args)
    assert result.returncode == 2 and result.stdout == "" and result.stderr.startswith(line)
