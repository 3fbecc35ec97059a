"""The resume file: the answers of an interrupted intake, kept until `--resume` finishes it.

It lives beside the `--out` file when one is given (`answers.yaml.resume`), otherwise in the
per-user data directory of the platform, beside the intake store (on Linux
`~/.local/share/magnesium-intake/intake-resume.yaml`). It holds health data, so it is written
like every such file (common/private_files.py): owner-only from the first byte, and atomically.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.errors import BadInput
from engine.yamlsource import read

from ..common.private_files import data_dir, private_folder, write_private
from ..common.texts import readable_yaml
from .screen import IntakeProblem

RESUME_NAME = "intake-resume.yaml"
RESUME_SUFFIX = ".resume"
FORMAT = 1


def resume_path(out: str | None) -> Path:
    """Where the interrupted intake is kept: beside --out, else in the user's data directory."""
    if out:
        return Path(out).with_name(Path(out).name + RESUME_SUFFIX)
    return data_dir() / RESUME_NAME


def content(answered: dict[str, Any], accepted: str) -> dict:
    """What the resume file holds: the format, when the disclaimer was accepted, the answers by question id."""
    return {"resume": FORMAT, "accepted": accepted, "answers": answered}


def save(path: Path, answered: dict[str, Any], accepted: str) -> None:
    """Keep the answers given so far, by question id, with when the disclaimer was accepted."""
    data = content(answered, accepted)
    private_folder(path.parent)
    write_private(path, readable_yaml(data, "An interrupted magnesium intake: continue it with magnesium intake --resume"))


def load(path: Path) -> tuple[dict[str, Any], str]:
    """The answers by question id and the time the disclaimer was accepted; BadInput if unusable."""
    if not path.is_file():
        raise BadInput([IntakeProblem(str(path), "--resume", "resume_missing")])
    doc = read(str(path))
    data = doc.data
    if not (isinstance(data, dict) and data.get("resume") == FORMAT and isinstance(data.get("answers"), dict)
            and isinstance(data.get("accepted"), str)):
        raise BadInput([IntakeProblem(str(path), "--resume", "resume_shape", line=doc.line(()))])
    return data["answers"], data["accepted"]
