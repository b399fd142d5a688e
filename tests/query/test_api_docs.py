"""The examples in docs/api.md run as written (against a tmp knowledge base)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_api_examples_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", source, re.S)
    assert len(blocks) >= 3
    main, names = blocks[1], blocks[2]
    main = main.replace("/tmp/api-example.db", str(tmp_path / "kb.db")).replace(
        "/tmp/api-example.jsonl", str(tmp_path / "out.jsonl")
    )
    cwd = os.getcwd()
    os.chdir(REPO)  # the examples name the bundled pages by relative path
    try:
        exec(compile(main, "docs/api.md", "exec"), {})
        import newsgraph

        with newsgraph.open(tmp_path / "kb.db") as kb:
            exec(compile(names, "docs/api.md", "exec"), {"kb": kb})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert out.startswith("Harbour Workers Alliance\n")
    assert "[strike]" in out
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 2
