#!/usr/bin/env python3
"""Set up newsgraph and run it: needs only Python 3.11+ and pip (standard library only here).

    python3 dev.py demo    # make .venv from the lock file, ingest the bundled examples, print a dossier
    python3 dev.py test    # make .venv with the test tools, run ruff and the test suite
    python3 dev.py lock    # regenerate the lock files from pyproject.toml (maintainers)

Every dependency, the spaCy model package included, is installed from a lock file with hashes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def run(*cmd: str | Path, **kw) -> None:  # type: ignore[no-untyped-def]
    """Run a command, echoing it to stderr; stop on failure."""
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def setup(lock: str) -> None:
    """Create .venv and install ``lock`` (hash-checked) plus newsgraph itself, if not already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit(f"newsgraph needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    stamp = VENV / f".installed-{lock}"
    lock_path = ROOT / lock
    if stamp.exists() and stamp.read_text() == lock_path.read_text():
        return
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    if "pyicu==" in lock_path.read_text():
        build_deps()
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run(PY, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", lock_path, env=env)
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".", env=env)
    stamp.write_text(lock_path.read_text())


def build_deps() -> None:
    """PyICU (followthemoney's name normaliser, dev extras only) has no wheel: it compiles against
    ICU. Install ICU's headers and a C++ compiler from Debian when they are missing and we may."""
    have = (
        shutil.which("pkg-config")
        and subprocess.run(["pkg-config", "--exists", "icu-uc"], check=False).returncode == 0
    )
    if have and shutil.which("g++"):
        return
    if not shutil.which("apt-get") or (hasattr(os, "geteuid") and os.geteuid() != 0):
        print("dev.py: PyICU needs ICU headers and g++ (Debian: libicu-dev pkg-config g++)", file=sys.stderr)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    packages = ("libicu-dev", "pkg-config", "g++")
    if subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=False, env=env).returncode:
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", *packages, env=env)


def demo() -> None:
    """Ingest the bundled example pages into ./newsgraph.db and print two dossiers."""
    setup("requirements.lock")
    exe = BIN / "newsgraph"
    run(exe, "ingest", "examples/alder-strike.txt", "examples/alder-deal.html", "--db", "newsgraph.db")
    run(exe, "who", "HWA", "--db", "newsgraph.db")
    run(exe, "who", "Tomas Reyes", "--db", "newsgraph.db")


def services() -> dict[str, str]:
    """Start what the integration tests need when we may (root with apt): PostgreSQL and Chromium."""
    env: dict[str, str] = {}
    scripts = [ROOT / ".ci" / "services.sh", *sorted((ROOT / ".ci" / "services.d").glob("*.sh"))]
    if os.environ.get("NEWSGRAPH_NO_SERVICES") or not shutil.which("apt-get"):
        return env
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return env
    for script in (s for s in scripts if s.exists()):
        print("+ bash", script.relative_to(ROOT), file=sys.stderr, flush=True)
        # stdout goes to a file, not a pipe: a server the script starts may keep inherited
        # descriptors open, and reading a pipe would then wait for it to exit.
        with tempfile.TemporaryFile("w+") as out:
            subprocess.run(["bash", str(script)], cwd=ROOT, check=True, stdout=out, timeout=1200)
            out.seek(0)
            lines = out.read().splitlines()
        for line in lines:
            if "=" in line:
                key, value = line.split("=", 1)
                env[key.strip()] = value.strip()
    return env


def test(args: list[str]) -> None:
    """Run ruff and the test suite (extra args go to pytest)."""
    setup("requirements-dev.lock")
    env = {**os.environ, **services()}
    run(BIN / "ruff", "check", "src", "tests", "bench", "dev.py")
    run(PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, env=env)


def lock() -> None:
    """Regenerate requirements.lock and requirements-dev.lock (needs uv in .venv or on PATH)."""
    run("bash", "scripts/lock.sh", env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"})


def main() -> None:
    """Dispatch the sub-command."""
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test", "lock"}:
        sys.exit(__doc__)
    try:
        {"demo": demo, "lock": lock}.get(sys.argv[1], lambda: test(sys.argv[2:]))()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
    except subprocess.TimeoutExpired as exc:
        sys.exit(f"dev.py: {' '.join(map(str, exc.cmd))} did not finish within {exc.timeout:.0f} s")


if __name__ == "__main__":
    main()
