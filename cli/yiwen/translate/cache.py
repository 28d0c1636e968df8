"""The translation cache and translation memory (SQLite), and TMX 1.4 import/export.

* ``cache``: what an engine answered for exactly this text sent (placeholders included), keyed by
  engine, languages, protection version (glossary + strategy) and text. An unchanged segment is
  never sent twice.
* ``tm``: paragraph-level translations keyed by the normalised source paragraph. Entries imported
  from TMX are ``approved`` and are used before any engine; the pipeline also records its own
  output there (not approved) so a translator can export, correct in a CAT tool and import back.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from yiwen.errors import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cache (
  key TEXT PRIMARY KEY,
  engine TEXT NOT NULL, source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
  version TEXT NOT NULL, source_text TEXT NOT NULL, target_text TEXT NOT NULL,
  created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tm (
  source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
  source_text TEXT NOT NULL, target_text TEXT NOT NULL,
  approved INTEGER NOT NULL DEFAULT 0, origin TEXT NOT NULL DEFAULT '',
  created REAL NOT NULL,
  PRIMARY KEY (source_lang, target_lang, source_text)
);
"""


def default_path() -> Path:
    """Return the path of the translation cache and memory database."""
    from yiwen.cachedir import cache_dir

    return cache_dir() / "translate.sqlite"


def normalise(text: str) -> str:
    """Collapse whitespace runs to one space (how TM source texts are compared)."""
    return " ".join(text.split())


def cache_key(engine: str, source: str, target: str, version: str, text: str) -> str:
    """Return the cache key of one text sent to one engine."""
    h = hashlib.sha256()
    for part in (engine, source, target, version, text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True)
class TMEntry:
    """One translation-memory unit."""

    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    approved: bool = False
    origin: str = ""


class TranslationStore:
    """The SQLite database: cache lookups, TM lookups, and writes (one connection per thread)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._conn() as conn:
                conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"{self.path}: cannot open the translation cache ({exc})") from None

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- cache --------------------------------------------------------------------------------
    def get(self, key: str) -> str | None:
        """Return the cached answer for `key`, or None."""
        row = self._conn().execute("SELECT target_text FROM cache WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        """Return {key: answer} for the keys that are cached."""
        keys = list(keys)
        out: dict[str, str] = {}
        conn = self._conn()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT key, target_text FROM cache WHERE key IN ({marks})"
            out.update(conn.execute(sql, chunk).fetchall())
        return out

    def put(
        self, key: str, engine: str, source: str, target: str, version: str, text: str, answer: str
    ) -> None:
        """Remember one answer (committed at once, so a failed run keeps what it translated)."""
        with self._conn() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO cache VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, engine, source, target, version, text, answer, time.time()),
            )

    # -- translation memory --------------------------------------------------------------------
    def tm_lookup(self, source: str, target: str, texts: Iterable[str]) -> dict[str, str]:
        """Return {source_text: target_text} of approved TM entries for these paragraphs."""
        texts = list(dict.fromkeys(texts))
        out: dict[str, str] = {}
        conn = self._conn()
        for i in range(0, len(texts), 500):
            chunk = texts[i : i + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT source_text, target_text FROM tm WHERE approved = 1 AND source_lang = ? "
                f"AND target_lang = ? AND source_text IN ({marks})"
            )
            out.update(conn.execute(sql, [source, target, *chunk]).fetchall())
        return out

    def tm_add(self, entries: Iterable[TMEntry]) -> int:
        """Add or update TM entries; a machine entry never replaces an approved one."""
        n = 0
        with self._conn() as conn:
            for e in entries:
                if not e.source_text.strip() or not e.target_text.strip():
                    continue
                if not e.approved:
                    row = conn.execute(
                        "SELECT approved FROM tm WHERE source_lang=? AND target_lang=? "
                        "AND source_text=?",
                        (e.source_lang, e.target_lang, e.source_text),
                    ).fetchone()
                    if row and row[0]:
                        continue
                conn.execute(
                    "INSERT OR REPLACE INTO tm VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        e.source_lang,
                        e.target_lang,
                        e.source_text,
                        e.target_text,
                        int(e.approved),
                        e.origin,
                        time.time(),
                    ),
                )
                n += 1
        return n

    def tm_entries(self, approved_only: bool = False) -> Iterator[TMEntry]:
        """Yield every TM entry, oldest first."""
        sql = "SELECT source_lang, target_lang, source_text, target_text, approved, origin FROM tm"
        if approved_only:
            sql += " WHERE approved = 1"
        for row in self._conn().execute(sql + " ORDER BY created, rowid"):
            yield TMEntry(row[0], row[1], row[2], row[3], bool(row[4]), row[5])

    def counts(self) -> tuple[int, int, int]:
        """Return (cached answers, TM entries, approved TM entries)."""
        conn = self._conn()
        cached = conn.execute("SELECT COUNT(*) FROM cache").fetchone()[0]
        tm, approved = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(approved), 0) FROM tm"
        ).fetchone()
        return int(cached), int(tm), int(approved)


# -- TMX 1.4 ----------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _lang(code: str) -> str:
    """Normalise a TMX language tag to yiwen's zh/en (zh-CN → zh, en-US → en)."""
    return code.split("-")[0].split("_")[0].lower()


def export_tmx(entries: Iterable[TMEntry], version: str = "") -> bytes:
    """Return a TMX 1.4 document of the entries (source language from the first entry)."""
    import xml.etree.ElementTree as ET

    entries = list(entries)
    srclang = entries[0].source_lang if entries else "zh"
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "yiwen",
            "creationtoolversion": version or "0",
            "segtype": "paragraph",
            "o-tmf": "yiwen-sqlite",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for e in entries:
        tu = ET.SubElement(body, "tu", {"srclang": e.source_lang})
        prop = ET.SubElement(tu, "prop", type="x-yiwen-status")
        prop.text = "approved" if e.approved else "machine"
        if e.origin:
            origin = ET.SubElement(tu, "prop", type="x-yiwen-origin")
            origin.text = e.origin
        for lang, text in ((e.source_lang, e.source_text), (e.target_lang, e.target_text)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            seg = ET.SubElement(tuv, "seg")
            seg.text = text
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def import_tmx(data: bytes, path: str = "TMX") -> list[TMEntry]:
    """Parse TMX (any 1.x) safely and return approved entries for each zh/en pair of variants."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise InputError(f"{path}: refused unsafe XML ({type(exc).__name__})") from None
    except Exception as exc:  # ParseError carries the line
        raise InputError(f"{path}: not well-formed XML ({exc})") from None
    if _local_name(root.tag) != "tmx":
        raise InputError(f"{path}: not a TMX file (root element is <{_local_name(root.tag)}>)")
    header = root.find("header")
    default_src = _lang(header.get("srclang", "")) if header is not None else ""
    out: list[TMEntry] = []
    for tu in root.iter("tu"):
        variants: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is None or not lang:
                continue
            variants[_lang(lang)] = normalise("".join(seg.itertext()))
        src = _lang(tu.get("srclang", "")) or default_src
        if src not in variants:
            src = next(iter(variants), "")
        for tgt, text in variants.items():
            if tgt != src and src and variants[src] and text:
                out.append(TMEntry(src, tgt, variants[src], text, True, f"tmx:{Path(path).name}"))
    return out


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
