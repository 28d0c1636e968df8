"""Send text to a LanguageTool server through language-tool-python and return raw matches."""

from __future__ import annotations

import urllib.parse
from typing import Any

from yiwen.errors import GrammarError
from yiwen.grammar.ratelimit import RateLimiter

LANGUAGE = "en-US"


class LanguageToolUnavailable(Exception):
    """A request failed after language-tool-python's retry (the server may have died)."""


def _tool_class() -> type:
    """Build (once) the language-tool-python subclass that returns the JSON matches as sent.

    language-tool-python's `check()` wraps matches in `Match`, whose UTF-16 correction keeps its
    state in class attributes (not safe across threads) and leaves lengths uncorrected, so yiwen
    maps offsets itself and asks for the raw matches through the library's own request code
    (`_create_params`: language, level=picky; `_query_server`: one retry on a timeout).
    """
    global _TOOL
    if _TOOL is None:
        import language_tool_python

        class RawLanguageTool(language_tool_python.LanguageTool):  # type: ignore[misc]
            """language_tool_python.LanguageTool with a thread-safe raw check."""

            def check_raw(self, text: str) -> list[dict[str, Any]]:
                """Return LanguageTool's matches for `text` as the JSON dicts it sent."""
                url = urllib.parse.urljoin(self.url, "check")
                return self._query_server(url, self._create_params(text), method="post")["matches"]

        _TOOL = RawLanguageTool
    return _TOOL


_TOOL: type | None = None


class Client:
    """A connection to one LanguageTool server (URL), with picky mode, timeout and rate limit."""

    def __init__(
        self,
        url: str,
        picky: bool = False,
        timeout: float = 60.0,
        limiter: RateLimiter | None = None,
    ) -> None:
        from language_tool_python.exceptions import LanguageToolError

        self.url = url
        self.limiter = limiter
        try:
            # Asks /v2/languages once: an unreachable server fails here, before any file.
            self._tool = _tool_class()(LANGUAGE, remote_server=url)
        except (LanguageToolError, OSError, ValueError) as exc:
            raise GrammarError(
                f"cannot reach the LanguageTool server at {url} ({_reason(exc)}); start one with "
                "scripts/languagetool-server or pass --lt-server URL"
            ) from None
        self._tool._TIMEOUT = timeout  # the library's default is 300 s
        self._tool.picky = picky

    def disable(self, rule_ids: tuple[str, ...]) -> None:
        """Ask LanguageTool not to run these rules (from --ignore LT.<ID>): less work, same output."""
        self._tool.disabled_rules = set(rule_ids)

    def check(self, text: str, size: int) -> list[dict[str, Any]]:
        """Return the raw matches for `text` (`size` UTF-16 units, for the rate limit)."""
        from language_tool_python.exceptions import LanguageToolError

        if self.limiter is not None:
            self.limiter.acquire(size)
        try:
            return self._tool.check_raw(text)
        except LanguageToolError as exc:
            raise LanguageToolUnavailable(_reason(exc)) from None
        except (KeyError, TypeError, ValueError) as exc:
            raise LanguageToolUnavailable(f"unexpected answer: {exc}") from None


def _reason(exc: BaseException) -> str:
    """Shorten a requests/urllib3 error chain to its last, most telling part."""
    text = str(exc).strip() or type(exc).__name__
    for marker in ("Failed to establish a new connection: ", "Read timed out"):
        if marker in text:
            tail = text.split(marker, 1)[1] if marker.endswith(": ") else marker
            return tail.rstrip("'\")").replace("[Errno 111] ", "")
    return text.splitlines()[0][:200]
