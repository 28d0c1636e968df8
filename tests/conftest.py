"""Shared fixtures: run the CLI in-process and capture what it prints."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"
GLOSSARIES = ROOT / "glossaries"


@dataclass
class Result:
    """What one CLI run returned and printed."""

    exit_code: int
    stdout: str
    stderr: str


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")


@pytest.fixture
def cli():
    """Return run(*args, stdin=None) -> Result, running yiwen in this process (no colour).

    Each call patches the streams with its own MonkeyPatch, so what the test itself patched
    (environment, working folder) stays in place between calls.
    """
    from yiwen.app import run
    from yiwen.render import console

    def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
        out, err = _stream(), _stream()
        data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
        inp = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        patch = pytest.MonkeyPatch()
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        patch.setattr(sys, "stdin", inp)
        patch.setenv("NO_COLOR", "1")
        patch.setenv("TERM", "dumb")
        console.reset()
        try:
            code = run([str(a) for a in args])
        finally:
            console.reset()
            patch.undo()
        out.flush()
        err.flush()
        return Result(
            code,
            out.buffer.getvalue().decode("utf-8"),  # type: ignore[attr-defined]
            err.buffer.getvalue().decode("utf-8"),  # type: ignore[attr-defined]
        )

    return invoke
