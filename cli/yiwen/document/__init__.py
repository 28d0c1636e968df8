"""Load and save articles: formats, encodings, language detection and segmentation."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from yiwen.document.atomic import atomic_write
from yiwen.document.formats import (
    FORMATS,
    Format,
    LoadOptions,
    WriteOptions,
    apply_edits,
    format_for,
    load_format,
)
from yiwen.errors import InputError
from yiwen.models import Document, Fix

__all__ = [
    "FORMATS",
    "Format",
    "LoadOptions",
    "WriteOptions",
    "apply_edits",
    "atomic_write",
    "load_document",
    "read_bytes",
    "render_document",
    "write_document",
]


def read_bytes(path: str) -> bytes:
    """Read a file (or standard input for "-"), turning OS errors into one-line InputErrors."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory (use `yiwen batch check {path}` for folders)")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def load_document(
    path: str, opts: LoadOptions | None = None, data: bytes | None = None, fmt: str | None = None
) -> Document:
    """Load one article from `path` (or from `data` when given), choosing the format by suffix."""
    opts = opts or LoadOptions()
    if data is None:
        data = read_bytes(path)
    handler: Format = load_format(fmt) if fmt else format_for(path if path != "-" else "stdin.txt")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{path}: file is empty")
    return handler.load(data, path, opts)


def render_document(doc: Document, edits: Sequence[Fix], opts: WriteOptions | None = None) -> bytes:
    """Return the bytes of `doc` with `edits` applied, in its own format and encoding."""
    return load_format(doc.format).dump(doc, edits, opts or WriteOptions())


def write_document(
    doc: Document,
    edits: Sequence[Fix],
    dest: str | os.PathLike[str],
    opts: WriteOptions | None = None,
) -> None:
    """Write `doc` with `edits` applied to `dest` atomically."""
    atomic_write(dest, render_document(doc, edits, opts))
