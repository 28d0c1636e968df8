"""Rich consoles for standard output and standard error, created on first use."""

from __future__ import annotations

import os
from functools import cache

from rich.console import Console
from rich.theme import Theme

THEME = Theme(
    {
        "error": "bold red",
        "warning": "yellow",
        "info": "cyan",
        "path": "bold",
        "code": "magenta",
        "span": "bold red underline",
        "fix": "green",
        "dim": "dim",
        "ins": "bold green",
        "del": "bold red strike",
    }
)


@cache
def stdout() -> Console:
    """Return the console for results (plain text when not a terminal, never wrapped)."""
    return Console(theme=THEME, soft_wrap=True, highlight=False, emoji=False)


@cache
def stderr() -> Console:
    """Return the console for errors, progress and notes."""
    return Console(theme=THEME, stderr=True, soft_wrap=True, highlight=False, emoji=False)


def reset() -> None:
    """Forget cached consoles (tests swap sys.stdout between runs)."""
    stdout.cache_clear()
    stderr.cache_clear()


def no_color() -> bool:
    """True when NO_COLOR is set (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))
