"""Shared fixtures: where the repo's examples and the optional ../shared data live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def gold() -> dict:
    """The analyst's gold facts for the two example pages."""
    return json.loads((EXAMPLES / "gold.json").read_text())


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public evaluation sets beside the repo; tests that need them skip without them."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_DATA
