"""The SQLite state of one batch run inside OUT_DIR: one row per file, so a run can be resumed.

A row holds the file's path, size, mtime, content hash, the hash of the options it was done
with, the outcome (pending, ok, input, engine, internal), the compact findings as JSON, the
diff (fix/translate), and how long it took. The parent process is the only writer; workers
hand their results back and never open the database.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_PREFIX = "yiwen-batch"
SCHEMA_VERSION = "1"

# Outcomes: "pending" = not reached yet; "ok" = done; the rest are per-file failures.
PENDING, OK, INPUT, ENGINE, INTERNAL = "pending", "ok", "input", "engine", "internal"
FAILED = (INPUT, ENGINE, INTERNAL)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY,
    src TEXT NOT NULL,
    size INTEGER,
    mtime_ns INTEGER,
    content_hash TEXT,
    options_hash TEXT,
    outcome TEXT NOT NULL DEFAULT 'pending',
    error TEXT,
    language TEXT,
    findings TEXT,
    rule_counts TEXT,
    n_error INTEGER NOT NULL DEFAULT 0,
    n_warning INTEGER NOT NULL DEFAULT 0,
    n_info INTEGER NOT NULL DEFAULT 0,
    duration REAL NOT NULL DEFAULT 0,
    output TEXT,
    diff TEXT,
    extra TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated REAL
);
"""


@dataclass
class FileResult:
    """What a worker hands back for one file: compact, picklable, no Document inside."""

    rel: str
    src: str
    outcome: str = OK
    error: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    content_hash: str | None = None
    language: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    duration: float = 0.0
    output: str | None = None
    diff: list[Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Return the number of findings per severity."""
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f["severity"]] = out.get(f["severity"], 0) + 1
        return out

    def rule_counts(self) -> dict[str, list[Any]]:
        """Return code -> [findings, rule name, severity] (summaries need no rule registry)."""
        out: dict[str, list[Any]] = {}
        for f in self.findings:
            entry = out.setdefault(f["code"], [0, f["rule"], f["severity"]])
            entry[0] += 1
        return out


def state_name(shard: tuple[int, int] | None) -> str:
    """Return the database file name; shards get their own so copied folders merge cleanly."""
    if shard is None:
        return f"{STATE_PREFIX}.sqlite"
    return f"{STATE_PREFIX}.shard-{shard[0]}-of-{shard[1]}.sqlite"


def find_states(out_dir: Path) -> list[Path]:
    """Return every state database in `out_dir` (one per shard that wrote there)."""
    return sorted(out_dir.glob(f"{STATE_PREFIX}*.sqlite"))


class BatchState:
    """One batch's state database: the parent process opens, writes and commits it."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = path
        if readonly:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            # WAL + NORMAL: a commit per second costs little and survives a kill of the process.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.set_meta(schema=SCHEMA_VERSION)
        self.db.row_factory = sqlite3.Row
        self._last_commit = time.monotonic()
        self._dirty = 0

    # -- meta ---------------------------------------------------------------------------------

    def set_meta(self, **values: Any) -> None:
        """Store run-wide values (operation, options, inputs) as JSON."""
        self.db.executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            [(k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()],
        )
        self.db.commit()

    def meta(self) -> dict[str, Any]:
        """Return every run-wide value."""
        return {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM meta")}

    # -- rows ---------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every file (a fresh run without --resume)."""
        self.db.execute("DELETE FROM files")
        self.db.commit()

    def known(self) -> dict[str, tuple[Any, ...]]:
        """Return rel -> (size, mtime_ns, content_hash, options_hash, outcome) for every row."""
        cur = self.db.cursor()
        cur.row_factory = None  # plain tuples: a sqlite3.Row per file costs more than the query
        rows = cur.execute(
            "SELECT rel, size, mtime_ns, content_hash, options_hash, outcome FROM files"
        )
        return {r[0]: r[1:] for r in rows}

    def mark_pending(self, items: Iterable[tuple[str, str]]) -> None:
        """Record files about to be done as pending (so an interrupted run shows what is left)."""
        self.db.executemany(
            "INSERT INTO files(rel, src, outcome) VALUES (?, ?, 'pending') "
            "ON CONFLICT(rel) DO UPDATE SET src=excluded.src, outcome='pending'",
            items,
        )
        self.db.commit()

    def touch(self, rel: str, size: int, mtime_ns: int) -> None:
        """Remember a new size/mtime for a file whose content hash did not change."""
        self.db.execute("UPDATE files SET size=?, mtime_ns=? WHERE rel=?", (size, mtime_ns, rel))
        self._dirty += 1

    def drop(self, rels: Iterable[str]) -> None:
        """Forget files that are no longer part of the batch."""
        self.db.executemany("DELETE FROM files WHERE rel=?", [(r,) for r in rels])
        self.db.commit()

    def record(self, r: FileResult, options_hash: str) -> None:
        """Store one file's result; commits at most about once a second."""
        counts = r.counts()
        self.db.execute(
            """INSERT INTO files(rel, src, size, mtime_ns, content_hash, options_hash, outcome,
                   error, language, findings, rule_counts, n_error, n_warning, n_info, duration,
                   output, diff, extra, attempts, updated)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)
               ON CONFLICT(rel) DO UPDATE SET src=excluded.src, size=excluded.size,
                   mtime_ns=excluded.mtime_ns, content_hash=excluded.content_hash,
                   options_hash=excluded.options_hash, outcome=excluded.outcome,
                   error=excluded.error, language=excluded.language,
                   findings=excluded.findings, rule_counts=excluded.rule_counts,
                   n_error=excluded.n_error, n_warning=excluded.n_warning,
                   n_info=excluded.n_info, duration=excluded.duration, output=excluded.output,
                   diff=excluded.diff, extra=excluded.extra, attempts=files.attempts + 1,
                   updated=excluded.updated""",
            (
                r.rel,
                r.src,
                r.size,
                r.mtime_ns,
                r.content_hash,
                options_hash,
                r.outcome,
                r.error,
                r.language,
                json.dumps(r.findings, ensure_ascii=False),
                json.dumps(r.rule_counts()),
                counts["error"],
                counts["warning"],
                counts["info"],
                r.duration,
                r.output,
                json.dumps(r.diff, ensure_ascii=False) if r.diff is not None else None,
                json.dumps(r.extra, ensure_ascii=False),
                time.time(),
            ),
        )
        self._dirty += 1
        if time.monotonic() - self._last_commit > 1.0:
            self.commit()

    def commit(self) -> None:
        """Write pending rows to disk."""
        self.db.commit()
        self._last_commit = time.monotonic()
        self._dirty = 0

    def close(self) -> None:
        """Commit and close."""
        self.commit()
        self.db.close()

    # -- reading ------------------------------------------------------------------------------

    def rows(self, with_findings: bool = True) -> Iterator[dict[str, Any]]:
        """Yield every file row as a dict (findings, diff and extra decoded), in path order."""
        cols = (
            "*"
            if with_findings
            else (
                "rel, src, outcome, error, language, rule_counts, n_error, n_warning, n_info, "
                "duration, output, extra, attempts, updated"
            )
        )
        for row in self.db.execute(f"SELECT {cols} FROM files ORDER BY rel"):
            d = dict(row)
            for key in ("findings", "rule_counts", "diff", "extra"):
                if key in d:
                    d[key] = json.loads(d[key]) if d[key] else None
            yield d

    def outcome_counts(self) -> dict[str, int]:
        """Return the number of files per outcome."""
        return dict(self.db.execute("SELECT outcome, COUNT(*) FROM files GROUP BY outcome"))
