"""Per-input progress markers, so a resumed run skips the done part of a big JSONL or WARC input.

Pages of one input finish out of order in a pool. The marker is a watermark: the number of
leading pages of the input that are settled (stored, known or recorded as an error). It is
written only after those pages' own transactions have committed, so a run killed at any moment
leaves a marker at or behind the truth; the content-hash check catches the rest.

The ``ingest_progress`` table is created here (``CREATE TABLE IF NOT EXISTS``) rather than in
the main schema: it is bookkeeping of the runner, not knowledge.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..ingest.files import classify

__all__ = ["progress_table", "Tag", "ProgressTracker", "ensure_progress_table"]

_metadata = MetaData()

progress_table = Table(
    "ingest_progress",
    _metadata,
    Column("input", String(1024), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("pages", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("complete", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True), server_default=func.now(), onupdate=func.now()),
)


def ensure_progress_table(engine: Engine) -> None:
    """Create the progress table if it is missing (safe to call on every run)."""
    _metadata.create_all(engine, checkfirst=True)


@dataclass(frozen=True)
class Tag:
    """Where a page came from: its input's marker key (None for single-page inputs) and position."""

    input: str | None
    seq: int


@dataclass
class _InputState:
    key: str
    size: int
    mtime_ns: int
    start: int
    read: int = 0
    exhausted: bool = False
    start_failed: int = 0
    settled: dict[int, bool] = field(default_factory=dict)
    watermark: int = 0
    failed: int = 0
    saved: int = -1
    saved_complete: bool = False


def _multi_page(name: str) -> bool:
    return classify(name)[0] in ("jsonl", "warc")


class ProgressTracker:
    """The markers of a run's big inputs: where each resumes (``open_input``), and moving them
    forward as pages settle. The driver (``runner.driver``) reads the pages."""

    def __init__(self, engine: Engine, *, use_markers: bool = True, resume: bool = True) -> None:
        self.engine = engine
        self.use_markers = use_markers
        self.resume = resume
        """False: read every input from its start (markers are still written), e.g. to retry errors."""
        self.inputs: dict[str, _InputState] = {}
        self.skipped = 0
        """Pages not even read again because a marker says they were settled in an earlier run."""
        self.skipped_failed = 0
        """Of those, pages that had failed (they count as failed before, not as done)."""
        self.resumed: list[dict[str, object]] = []
        if use_markers:
            ensure_progress_table(engine)

    def _load(self, path: str) -> _InputState | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        key = os.path.abspath(path)
        with self.engine.connect() as conn:
            row = conn.execute(select(progress_table).where(progress_table.c.input == key)).first()
        start = failed = 0
        if self.resume and row is not None and row.size == stat.st_size and row.mtime_ns == stat.st_mtime_ns:
            start, failed = row.pages, row.failed  # same file as before: its first pages are settled
        state = _InputState(
            key,
            stat.st_size,
            stat.st_mtime_ns,
            start=start,
            start_failed=failed,
            watermark=start,
            failed=failed,
            saved=start,
        )
        if row is not None and row.complete and start == row.pages:
            state.exhausted = True
        return state

    def open_input(self, path: str) -> tuple[str, int, bool] | None:
        """``(key, pages to skip, all done)`` of a big input (JSONL, WARC), from its marker.

        None when the input has no marker (a single page, or a file that cannot be stat'ed).
        """
        if not self.use_markers or not _multi_page(path):
            return None
        state = self._load(path)
        if state is None:
            return None
        self.inputs[state.key] = state
        if state.start:
            self.resumed.append({"input": path, "pages_done": state.start, "complete": state.exhausted})
        self.skipped += state.start
        self.skipped_failed += state.start_failed
        return state.key, state.start, state.exhausted

    def read_to_end(self, key: str, pages: int) -> None:
        """The driver read the input of marker ``key`` to its end: ``pages`` pages in all."""
        state = self.inputs[key]
        state.read = max(pages, state.start)
        state.exhausted = True

    def close_inputs(self) -> None:
        """Once every page of every input is settled: mark the big inputs read to their end."""
        for state in self.inputs.values():
            state.read = max(state.read, state.watermark)
            state.exhausted = True

    def settle(self, tag: Tag, *, failed: bool = False) -> None:
        """Note that a page's outcome (``failed`` or not) is committed to the store."""
        if tag.input is None:
            return
        state = self.inputs[tag.input]
        state.settled[tag.seq] = failed
        while state.watermark in state.settled:
            state.failed += state.settled.pop(state.watermark)
            state.watermark += 1

    def flush(self) -> None:
        """Write the markers that moved since the last flush (after the pages' own commits)."""
        for state in self.inputs.values():
            complete = state.exhausted and state.watermark >= state.read
            if state.watermark == state.saved and complete == state.saved_complete:
                continue
            self._save(state, complete)
            state.saved, state.saved_complete = state.watermark, complete

    def _save(self, state: _InputState, complete: bool) -> None:
        values = {
            "input": state.key,
            "size": state.size,
            "mtime_ns": state.mtime_ns,
            "pages": state.watermark,
            "failed": state.failed,
            "complete": complete,
        }
        dialect = self.engine.dialect.name
        with self.engine.begin() as conn:
            if dialect in ("sqlite", "postgresql"):
                insert = sqlite_insert if dialect == "sqlite" else pg_insert
                stmt = insert(progress_table).values(**values)
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=[progress_table.c.input],
                        set_={
                            k: stmt.excluded[k] for k in ("size", "mtime_ns", "pages", "failed", "complete")
                        },
                    )
                )
            else:  # any other backend: update, else insert
                done = conn.execute(
                    update(progress_table).where(progress_table.c.input == state.key).values(**values)
                ).rowcount
                if not done:
                    conn.execute(progress_table.insert().values(**values))
