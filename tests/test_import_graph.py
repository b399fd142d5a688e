"""The package's modules import each other without circles.

Every ``import`` of every module under ``src/newsgraph`` counts, at the top or inside a function
(an import tucked into a function hides a circle; it does not remove it), except those under
``if TYPE_CHECKING:``, which never run. Importing ``a.b.c`` runs the packages ``a`` and ``a.b``
first, so an import of a module is also an edge to each package above it that the importer is not
inside already: ``resolve.candidate_contexts`` importing ``store.schema`` runs ``store/__init__.py`` and all
it imports (this is how ``store/writer.py`` once closed a store <-> resolve circle). There is no
known circle left: ``KNOWN_CYCLES`` stays empty, and the test fails when one appears.
"""

from __future__ import annotations

import ast
from pathlib import Path

import newsgraph

SRC = Path(newsgraph.__file__).resolve().parent.parent

KNOWN_CYCLES: list[list[str]] = []


def modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the package: dotted name -> (file, is a package)."""
    found = {}
    for path in (SRC / "newsgraph").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def imports_of(name: str, mods: dict[str, tuple[Path, bool]]) -> set[str]:
    """The package modules ``name`` imports anywhere in its file (``from pkg import sub`` names the
    submodule when ``sub`` is one, else the package)."""
    path, is_package = mods[name]
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner) for node in ast.walk(tree) if _is_type_checking(node) for inner in _body_nodes(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:  # `if TYPE_CHECKING:` imports never run
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in mods else module
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in mods:  # `import newsgraph.x.y` where y is an attribute
                target = target.rpartition(".")[0]
            if target.startswith("newsgraph") and target != name:
                out.add(target)
    return out


def packages_above(name: str) -> set[str]:
    """The packages Python runs before it runs module ``name`` (``a`` and ``a.b`` for ``a.b.c``)."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def runs_on_import(name: str, mods: dict[str, tuple[Path, bool]]) -> set[str]:
    """The package modules importing ``name`` runs directly: those it imports, and the packages above
    each of them that are not above ``name`` itself (those run before ``name`` does)."""
    out: set[str] = set()
    for target in imports_of(name, mods):
        out |= {target} | (packages_above(target) - packages_above(name))
    return out - {name}


def _is_type_checking(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _body_nodes(node: ast.If) -> list[ast.AST]:
    """Every node under the ``if`` branch (not its ``else``)."""
    return [inner for statement in node.body for inner in ast.walk(statement)]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted, sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_import_graph_has_no_cycle_but_the_known_ones() -> None:
    mods = modules()
    graph = {name: runs_on_import(name, mods) for name in mods}
    assert cycles(graph) == sorted(KNOWN_CYCLES)


def test_the_cycle_finder_finds_a_circle_and_only_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_a_type_checking_import_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "newsgraph").mkdir()
    (tmp_path / "newsgraph" / "__init__.py").write_text("")
    (tmp_path / "newsgraph" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import x\nelse:\n    from .c import y\n"
    )
    (tmp_path / "newsgraph" / "b.py").write_text("")
    (tmp_path / "newsgraph" / "c.py").write_text("")
    mods = {"newsgraph": (tmp_path / "newsgraph" / "__init__.py", True)}
    mods |= {f"newsgraph.{m}": (tmp_path / "newsgraph" / f"{m}.py", False) for m in "abc"}
    assert imports_of("newsgraph.a", mods) == {"newsgraph.c"}


def test_an_import_inside_a_function_counts(tmp_path: Path) -> None:
    (tmp_path / "newsgraph").mkdir()
    (tmp_path / "newsgraph" / "__init__.py").write_text("")
    (tmp_path / "newsgraph" / "a.py").write_text("def f():\n    from .b import x\n    return x\n")
    (tmp_path / "newsgraph" / "b.py").write_text("x = 1\n")
    mods = {"newsgraph": (tmp_path / "newsgraph" / "__init__.py", True)}
    mods |= {f"newsgraph.{m}": (tmp_path / "newsgraph" / f"{m}.py", False) for m in "ab"}
    assert imports_of("newsgraph.a", mods) == {"newsgraph.b"}


def test_importing_a_module_runs_the_packages_above_it(tmp_path: Path) -> None:
    # store/__init__ imports the writer, the writer imports resolve, resolve imports store.schema:
    # no module imports its own importer, yet importing resolve first meets a half-made module
    root = tmp_path / "newsgraph"
    for package in ("store", "resolve"):
        (root / package).mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "store" / "__init__.py").write_text("from .writer import write\n")
    (root / "store" / "writer.py").write_text("from ..resolve.link import link\n")
    (root / "store" / "schema.py").write_text("")
    (root / "resolve" / "__init__.py").write_text("")
    (root / "resolve" / "link.py").write_text("from ..store.schema import table\n")
    mods = {
        ".".join(p.relative_to(tmp_path).with_suffix("").parts[: -1 if p.stem == "__init__" else None]): (
            p,
            p.stem == "__init__",
        )
        for p in root.rglob("*.py")
    }
    assert cycles({name: imports_of(name, mods) for name in mods}) == []
    assert cycles({name: runs_on_import(name, mods) for name in mods}) == [
        ["newsgraph.resolve.link", "newsgraph.store", "newsgraph.store.writer"]
    ]


def test_the_real_edges_are_read() -> None:
    mods = modules()
    # the runner and the executors never import the api
    assert "newsgraph.api" not in imports_of("newsgraph.runner.local", mods)
    assert "newsgraph.runner.local" not in imports_of("newsgraph.executors.ray", mods)
    # the writer sits above the store and resolve; neither imports it
    assert {"newsgraph.resolve.entities", "newsgraph.store.schema"} <= imports_of("newsgraph.writer", mods)
    assert "newsgraph.store" in runs_on_import("newsgraph.resolve.candidate_contexts", mods)
    assert not any(
        "newsgraph.writer" in imports_of(name, mods)
        for name in mods
        if name.startswith(("newsgraph.store", "newsgraph.resolve"))
    )
