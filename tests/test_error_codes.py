"""An error code means one thing: no two modules (and no two error classes) give the same code."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import newsgraph
from newsgraph import errors
from newsgraph.executors.ray import ExecutorError

SRC = Path(newsgraph.__file__).resolve().parent
_CODE = re.compile(r"E\d{3}")
# The worker pool relays the error a worker met loading the model: the same E021 as nlp.pipeline's.
_RELAYED = {"E021": {"nlp/pipeline.py", "runner/pool.py"}}


def _codes() -> dict[str, set[str]]:
    """Each code given in the package (``code = "E0xx"`` or ``code="E0xx"``) -> the modules giving it."""
    where: dict[str, set[str]] = defaultdict(set)
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values = []
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "code" for t in node.targets
            ):
                values.append(node.value)
            elif isinstance(node, ast.keyword) and node.arg == "code":
                values.append(node.value)
            for value in values:
                if (
                    isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                    and _CODE.fullmatch(value.value)
                ):
                    where[value.value].add(rel)
    return where


def test_the_scan_finds_the_codes() -> None:
    codes = _codes()
    assert codes["E041"] == {"errors.py"} and codes["E011"] == {"errors.py"}
    assert codes["E073"] == {"executors/ray.py"}


def test_no_code_is_given_by_two_modules() -> None:
    shared = {code: mods for code, mods in _codes().items() if len(mods) > 1 and _RELAYED.get(code) != mods}
    assert shared == {}


def test_no_two_error_classes_share_a_code() -> None:
    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.NewsgraphError)
    ]
    classes.append(ExecutorError)
    own = [c.code for c in classes if "code" in vars(c)]
    assert len(own) == len(set(own)), sorted(own)


def test_the_ray_executor_has_codes_of_its_own() -> None:
    ray_codes = {code for code, mods in _codes().items() if "executors/ray.py" in mods}
    assert ray_codes == {"E070", "E071", "E072", "E073"}


def test_every_code_given_is_in_the_table_of_errors_py_and_no_other() -> None:
    """``errors.py`` lists each code with its one meaning; a new code goes in the table too."""
    table = {line[:4] for line in (errors.__doc__ or "").splitlines() if _CODE.fullmatch(line[:4])}
    given = set(_codes())
    assert given == table, (sorted(given - table), sorted(table - given))
