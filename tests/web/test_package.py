"""The built wheel carries the templates and the vendored static assets (the UI must work offline)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_wheel_contains_templates_and_static_assets(tmp_path: Path) -> None:
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed in this environment; cannot build the wheel offline")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(REPO)], check=True, capture_output=True, timeout=300)  # fmt: skip
    wheel = next(tmp_path.glob("newsgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    web = REPO / "src" / "newsgraph" / "web"
    expected = {f"newsgraph/web/{p.relative_to(web).as_posix()}" for d in ("static", "templates")
                for p in (web / d).rglob("*") if p.is_file()}  # fmt: skip
    assert expected and expected <= names, sorted(expected - names)
    assert "newsgraph/web/static/vendor/cytoscape-3.35.0.min.js" in names
