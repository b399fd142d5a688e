"""Every module imports at its top; only the optional extras are imported where they are used.

An import inside a function hides what a module needs (and can hide an import circle:
``tests/test_import_graph.py``). The exception is a package the core install does not have, one of
the extras of ``pyproject.toml``: a module that uses one imports it on use, so that everything else
works without it (``kb.events(as_frame=True)`` needs pandas, ``--format ftm`` followthemoney,
``newsgraph datasette --serve`` Datasette, ``--executor ray`` Ray).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import newsgraph

SRC = Path(newsgraph.__file__).resolve().parent
ROOT = SRC.parent.parent

OPTIONAL_EXTRAS = {"pandas", "followthemoney", "datasette", "ray"}
"""Top-level packages that may be imported inside a function: each comes from an optional extra."""


def function_imports(source: str) -> list[tuple[int, str]]:
    """(line, top-level package) of every import inside a function or method of ``source``; a
    relative import (``from .x import y``) is named by its dots and module (``.x``)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if in_function and isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name.split(".")[0]) for alias in child.names)
            elif in_function and isinstance(child, ast.ImportFrom):
                module = child.module or ""
                name = "." * child.level + module if child.level else module.split(".")[0]
                found.append((child.lineno, name))
            visit(child, inside)

    visit(ast.parse(source), False)
    return found


def disallowed(source: str) -> list[tuple[int, str]]:
    """The function-level imports of ``source`` that are not of an optional extra."""
    return [(line, name) for line, name in function_imports(source) if name not in OPTIONAL_EXTRAS]


def _modules() -> list[str]:
    return sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("module", _modules())
def test_no_import_inside_a_function_but_an_optional_extra(module: str) -> None:
    found = disallowed((SRC / module).read_text(encoding="utf-8"))
    assert found == [], f"{module} imports inside a function (line, package): {found}"


def test_the_modules_are_found() -> None:
    assert {"api.py", "cli.py", "writer.py", "resolve/entities.py", "web/app.py"} <= set(_modules())


def test_the_check_finds_a_hidden_import() -> None:
    planted = (
        "import os\n"
        "def f():\n"
        "    from .store import connect\n"
        "    import networkx as nx\n"
        "    return connect, nx\n"
        "class K:\n"
        "    def m(self):\n"
        "        if True:\n"
        "            from ..resolve.entities import link_article\n"
        "        return lambda: None\n"
        "def g():\n"
        "    try:\n"
        "        import pandas\n"
        "    except ImportError:\n"
        "        pandas = None\n"
        "    from followthemoney.util import make_entity_id\n"
        "    return pandas, make_entity_id\n"
    )
    assert function_imports(planted) == [
        (3, ".store"),
        (4, "networkx"),
        (9, "..resolve.entities"),
        (13, "pandas"),
        (16, "followthemoney"),
    ]
    assert disallowed(planted) == [(3, ".store"), (4, "networkx"), (9, "..resolve.entities")]
    # the module's own top-level imports and a TYPE_CHECKING block are not inside a function
    assert function_imports("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas\n") == []


def test_every_allowed_package_comes_from_an_optional_extra_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {
            req.split("[")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()
            for req in requirements
        }

    core = names(project["dependencies"])
    extras = set().union(
        *(names(reqs) for extra, reqs in project["optional-dependencies"].items() if extra != "dev")
    )
    for package in OPTIONAL_EXTRAS:
        assert package in extras and package not in core, package


def test_the_python_api_and_the_driver_load_no_model_library() -> None:
    """With every import at the top, what a module imports is what it costs: ``newsgraph.api`` and the
    ingest driver read outcomes (``newsgraph.outcome``) and leave spaCy to the executors that run the
    stages, so a script that only queries never loads it."""
    code = (
        "import sys, newsgraph, newsgraph.api, newsgraph.runner.driver, newsgraph.runner;"
        "print(sorted(m for m in ('spacy', 'thinc', 'newsgraph.process', 'newsgraph.nlp') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
