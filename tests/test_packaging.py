"""Packaging as a library (issue 13.5): pyproject.toml states compatible version ranges, so that
claimledger installs into an environment that already has spaCy, pandas or pyarrow without
forcing downgrades, while requirements.lock pins the exact versions `make` installs and tests;
the wheel ships `py.typed`, so type checkers read claimledger's annotations."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    listed = [*project["dependencies"], *PYPROJECT["build-system"]["requires"]]
    for extra in project["optional-dependencies"].values():
        listed += extra
    return [Requirement(text) for text in listed]


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_pyproject_states_ranges_never_one_exact_version() -> None:
    exact = [str(r) for r in requirements()
             if any(s.operator in ("==", "===") for s in r.specifier)]
    assert exact == [], "exact pins belong in requirements.lock, ranges in pyproject.toml"
    unbounded = [str(r) for r in requirements()
                 if not any(s.operator in ("<", "<=", "~=") for s in r.specifier)]
    assert unbounded == [], "each range has an upper bound (the next untested major)"


def test_spacy_is_held_to_the_minor_its_model_is_built_for() -> None:
    spacy = next(r for r in requirements() if r.name == "spacy")
    assert "3.8.0" in spacy.specifier and "3.8.99" in spacy.specifier
    assert "3.7.5" not in spacy.specifier and "3.9.0" not in spacy.specifier


def test_the_lock_pins_every_requirement_within_its_range() -> None:
    pins = locked()
    missing = [r.name for r in requirements() if canonicalize_name(r.name) not in pins]
    assert missing == [], "pin these in requirements.lock"
    outside = [f"{r} (locked {pins[canonicalize_name(r.name)]})" for r in requirements()
               if pins[canonicalize_name(r.name)] not in r.specifier]
    assert outside == []


@pytest.mark.slow
def test_the_wheel_ships_py_typed_and_ranges(tmp_path: Path) -> None:
    """The wheel as `pip wheel .` builds it (offline: the lock's hatchling, no isolation)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(tmp_path)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = tmp_path.glob("claimledger-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    assert "claimledger/py.typed" in names
    assert "claimledger/schema.py" in names and "claimledger/exports/ucdp.py" in names
    required = metadata.get_all("Requires-Dist") or []
    assert any(r.startswith("spacy<3.9,>=3.8") for r in required), required
    assert not [r for r in required
                if any(s.operator == "==" for s in Requirement(r).specifier)]
