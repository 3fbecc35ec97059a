"""The installed package (pip install ., not editable) ships every module and data file of the source."""
from __future__ import annotations

from importlib.metadata import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("package", ["engine", "questionnaire", "rules"])
def test_every_py_and_yaml_file_is_installed(package):
    installed = {str(f) for f in files("magnesium-intake") or ()}
    if not any(name.startswith(f"{package}/") for name in installed):
        pytest.skip("the package is not installed (run make test)")
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / package).rglob("*")
              if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts}
    assert source - installed == set()
