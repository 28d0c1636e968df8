"""Fixtures for the batch tests: a nested tree of small articles with known findings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

# Our own sentences; each "with a doubled word" line has exactly one E001 finding.
DOUBLED = "The clinic will open its the the new wing in spring.\n"
CLEAN = "Nurses on the night shift met the new families.\n"


def make_tree(root: Path, n_doubled: int = 3, n_clean: int = 3) -> dict[str, int]:
    """Write nested articles under root; return rel path -> expected E001 findings."""
    expected: dict[str, int] = {}
    for i in range(n_doubled):
        rel = f"news/{2020 + i % 2}/story-{i}.md"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"# Story {i}\n\n{DOUBLED}", encoding="utf-8")
        expected[rel] = 1
    for i in range(n_clean):
        rel = f"notes/deep/er/note-{i}.txt"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(CLEAN, encoding="utf-8")
        expected[rel] = 0
    # Never part of a batch: hidden folders and files, and files of no article format.
    (root / ".git").mkdir(exist_ok=True)
    (root / ".git" / "x.md").write_text(DOUBLED, encoding="utf-8")
    (root / "news").mkdir(exist_ok=True)
    (root / "news" / ".draft.md").write_text(DOUBLED, encoding="utf-8")
    (root / "news" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    return expected


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A tree of 6 articles (3 with one finding each) under tmp_path/in."""
    root = tmp_path / "in"
    root.mkdir()
    return root, make_tree(root)


def rows(db: Path) -> dict[str, dict]:
    """Read a batch state database: rel -> row dict."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return {r["rel"]: dict(r) for r in con.execute("SELECT * FROM files")}
    finally:
        con.close()


@pytest.fixture
def state_rows():
    """Return the `rows(db)` reader of batch state databases."""
    return rows


@pytest.fixture
def tree_maker():
    """Return `make_tree(root, n_doubled, n_clean)`."""
    return make_tree
