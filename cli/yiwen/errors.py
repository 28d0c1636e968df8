"""The YiwenError tree and the documented exit codes; app.py is the one place they meet."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every yiwen command (see README, "Exit codes")."""

    OK = 0  # nothing at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on (or: files differ, changes pending)
    USAGE = 2  # bad usage or unreadable input
    UNAVAILABLE = 3  # a translation engine or LanguageTool is unavailable
    INTERNAL = 4  # a bug in yiwen
    INTERRUPTED = 130  # Ctrl-C


class YiwenError(Exception):
    """Base of every error yiwen reports as one clear line instead of a traceback."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(YiwenError):
    """A file that is missing, unreadable, undecodable or malformed; or bad usage."""

    exit_code = ExitCode.USAGE


class ConfigError(InputError):
    """A malformed yiwen.toml or [tool.yiwen] table (message names file:line)."""


class GlossaryError(InputError):
    """A malformed glossary (message names file:line and the entry)."""


class EngineError(YiwenError):
    """A translation engine failed or cannot be reached."""

    exit_code = ExitCode.UNAVAILABLE


class GrammarError(YiwenError):
    """LanguageTool cannot be started or reached."""

    exit_code = ExitCode.UNAVAILABLE
