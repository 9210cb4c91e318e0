"""Shared fixtures: where the bundled examples and the shared annotated data live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "pages"


def shared_dir() -> Path:
    """../shared beside the checkout, or CLAIMLEDGER_SHARED where a user keeps it elsewhere."""
    return Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test with a clear message when absent."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared annotated data")
    return path


@pytest.fixture
def reference_page_path() -> Path:
    return shared_path("seed", "000_96a361415a47dee9.txt")


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
