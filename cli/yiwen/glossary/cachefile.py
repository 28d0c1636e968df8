"""Files in yiwen's cache folder that hold data built from a library, and heal when bad.

A file is marshal of [key, head, crc32 of payload, payload], payload being the marshal of the
body: a file built for another key (another library version), cut short or damaged reads as
absent, and is built again. `zhtagger` keeps jieba's dictionary so, `readings` pypinyin's.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def package_dir(name: str) -> Path:
    """Return an installed package's folder without importing it (jieba, pypinyin: 0.1 s each)."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or not spec.origin:
        raise ImportError(f"{name} is not installed")
    return Path(spec.origin).parent


def stamp(path: Path) -> list[Any]:
    """Say which file a cache was built from: its path, size and modification time."""
    st = os.stat(path)
    return [str(path), st.st_size, st.st_mtime_ns]


def read_checked(path: Path, key: Any) -> tuple[Any, Any] | None:
    """Return (head, body) from a file written for `key`, or None if it is not one."""
    try:
        stored_key, head, crc, payload = marshal.loads(path.read_bytes())
        if stored_key != key or zlib.crc32(payload) != crc:
            return None
        return head, marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_checked(path: Path, key: Any, head: Any, body: Any) -> None:
    """Write (head, body) for `key` atomically, with the checksum that `read_checked` verifies."""
    from yiwen.document.atomic import atomic_write

    payload = marshal.dumps(body)
    atomic_write(path, marshal.dumps([key, head, zlib.crc32(payload), payload]))


def load_or_build(
    path: Path,
    key: Any,
    build: Callable[[], tuple[Any, Any]],
    valid: Callable[[Any, Any], bool] = lambda head, body: True,
) -> tuple[Any, Any]:
    """Return (head, body) from the file at `path`, building and writing it first if need be.

    `valid(head, body)` rejects a file whose checksum is right but whose shape is not.
    """
    data = read_checked(path, key)
    if data is None or not valid(*data):
        data = build()
        # A read-only cache folder only means that the next process builds it again.
        with contextlib.suppress(OSError):
            write_checked(path, key, *data)
    return data
