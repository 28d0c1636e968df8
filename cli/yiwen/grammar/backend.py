"""The LanguageTool grammar backend: send English prose, turn matches into quiet findings."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from yiwen.config import Config
from yiwen.errors import GrammarError
from yiwen.grammar.chunking import Chunk, make_chunks
from yiwen.grammar.client import Client, LanguageToolUnavailable
from yiwen.grammar.filters import (
    covered_by,
    glossary_spans,
    is_name_noise,
    is_spelling,
    name_detector,
    severity_for,
)
from yiwen.grammar.ratelimit import RateLimiter
from yiwen.grammar.server import PythonServer, ScriptServer
from yiwen.models import MASK, Applicability, Document, Finding

PUBLIC_URL = "https://api.languagetool.org"
PUBLIC_MAX_REQUEST = 20_000  # characters in one request to the public API
MAX_REPLACEMENTS = 5


@dataclass(frozen=True)
class Settings:
    """How to reach LanguageTool: the mode, its URL or start command, and request sizes."""

    mode: str  # server | local | public
    url: str = ""  # server and public modes
    picky: bool = False
    command: str = ""  # local mode: start this (scripts/languagetool-server) instead
    workers: int = 4
    timeout: float = 60.0
    chunk_chars: int = 2_000
    disabled: tuple[str, ...] = ()  # LanguageTool rule ids from --ignore LT.<ID>


def settings_from(config: Config) -> Settings:
    """Work out the mode and its settings from the config (flags already applied).

    `--lt-server URL` means server mode unless another mode is named; with neither, local mode.
    The `[languagetool]` table of yiwen.toml may set `server_command`, `public_url`, `workers`,
    `timeout` and `chunk_chars`; YIWEN_LT_PUBLIC_URL overrides the public API's address.
    """
    table = config.sections.get("languagetool", {})
    mode = config.lt_mode or ("server" if config.lt_server else "local")
    if mode == "server" and not config.lt_server:
        raise GrammarError("LanguageTool server mode needs a URL: pass --lt-server URL")
    url = config.lt_server
    chunk = int(table.get("chunk_chars", 2_000))
    workers = int(table.get("workers", 4))
    if mode == "public":
        url = os.environ.get("YIWEN_LT_PUBLIC_URL") or table.get("public_url") or PUBLIC_URL
        chunk = min(int(table.get("chunk_chars", PUBLIC_MAX_REQUEST)), PUBLIC_MAX_REQUEST)
        workers = 1  # the rate limit serialises requests anyway
    disabled = tuple(c[3:] for c in config.ignore if c.startswith("LT.") and len(c) > 3)
    return Settings(
        mode=mode,
        url=url,
        picky=config.lt_picky,
        command=str(table.get("server_command", "")) if mode == "local" else "",
        workers=max(1, workers),
        timeout=float(table.get("timeout", 60.0)),
        chunk_chars=max(200, chunk),
        disabled=disabled,
    )


class LanguageToolBackend:
    """One LanguageTool connection for the whole process; `findings()` checks one document.

    In local mode the backend owns the server: when it dies it is restarted once, and after a
    second death every further document raises GrammarError at once (the built-in findings are
    still reported by the caller).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.launcher: ScriptServer | PythonServer | None = None
        if settings.mode == "local":
            self.launcher = ScriptServer(settings.command) if settings.command else PythonServer()
        self.limiter = RateLimiter() if settings.mode == "public" else None
        self.starts = 0  # servers this backend started (a batch should need exactly one)
        self.restarts = 0
        self.failed = ""  # why LanguageTool is gone for good in this process
        self._lock = threading.Lock()
        self._notices: list[str] = []
        if settings.mode == "public":
            self._notices.append(
                f"--lt-mode public sends the English text of every file to {settings.url} "
                "(LanguageTool's public API): the text leaves this machine"
            )
        self._is_name = name_detector()
        self.client = self._connect()
        self._pool = ThreadPoolExecutor(settings.workers, thread_name_prefix="yiwen-lt")

    def _connect(self) -> Client:
        url = self.settings.url
        if self.launcher is not None:
            url = self.launcher.start()
            self.starts += 1
        client = Client(url, self.settings.picky, self.settings.timeout, self.limiter)
        client.disable(self.settings.disabled)
        return client

    def take_notices(self) -> list[str]:
        """Return the warnings for the user (once per process), e.g. that text leaves the machine."""
        notices, self._notices = self._notices, []
        return notices

    def close(self) -> None:
        """Stop the worker threads and the server this backend started."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self.launcher is not None:
            self.launcher.stop()

    def findings(
        self, doc: Document, builtin: list[Finding], glossary: Any = None
    ) -> list[Finding]:
        """Return LanguageTool's findings for `doc`, without noise or built-in duplicates."""
        if self.failed:
            raise GrammarError(f"{doc.path}: grammar not checked: {self.failed}")
        chunks = make_chunks(doc, self.settings.chunk_chars)
        if not chunks:
            return []
        answers = self._check_all(doc, chunks)
        out: list[Finding] = []
        spans: list[tuple[int, int]] | None = None
        for chunk, matches in zip(chunks, answers, strict=True):
            for match in matches:
                span = self._locate(doc, chunk, match)
                if span is None:
                    continue
                start, end = span
                if is_spelling(match):
                    if spans is None:
                        spans = glossary_spans(glossary, doc.prose) if glossary else []
                    if is_name_noise(doc.text[start:end], start, end, spans, self._is_name):
                        continue
                finding = _finding(doc, match, start, end)
                if not covered_by(finding, builtin):
                    out.append(finding)
        return out

    @staticmethod
    def _locate(doc: Document, chunk: Chunk, match: dict[str, Any]) -> tuple[int, int] | None:
        """Map a match to the document; None when it touches masked text or a chunk joiner."""
        offset, length = int(match["offset"]), int(match["length"])
        span = chunk.offsets.span(offset, length)
        if span is None:
            return None
        start, end = span
        sent = chunk.text[
            chunk.offsets.to_codepoint(offset) : chunk.offsets.to_codepoint(offset + length)
        ]
        if MASK in doc.prose[start:end] or doc.text[start:end] != sent:
            return None
        return span

    def _check_all(self, doc: Document, chunks: list[Chunk]) -> list[list[dict[str, Any]]]:
        """Check every chunk concurrently; on a dead server restart it once and resend."""
        answers: list[list[dict[str, Any]]] = [[] for _ in chunks]
        pending = list(range(len(chunks)))
        while pending:
            client = self.client
            futures = {
                i: self._pool.submit(client.check, chunks[i].text, chunks[i].size) for i in pending
            }
            errors: dict[int, str] = {}
            for i, future in futures.items():
                try:
                    answers[i] = future.result()
                except LanguageToolUnavailable as exc:
                    errors[i] = str(exc)
            if not errors:
                break
            self._recover(client, doc, errors[min(errors)])
            pending = sorted(errors)
        return answers

    def _recover(self, client: Client, doc: Document, reason: str) -> None:
        """After failed requests: restart a dead server we own (once), else raise GrammarError."""
        with self._lock:
            if self.client is not client:
                return  # another thread restarted it meanwhile
            if self.launcher is None or not _died(self.launcher):
                raise GrammarError(f"{doc.path}: LanguageTool at {client.url} failed: {reason}")
            if self.restarts >= 1:
                self.failed = "the LanguageTool server stopped again after a restart"
                self.launcher.stop()
                raise GrammarError(f"{doc.path}: grammar not checked: {self.failed}")
            self.restarts += 1
            self.launcher.stop()
            try:
                self.client = self._connect()
            except GrammarError as exc:
                self.failed = f"the LanguageTool server died and did not restart ({exc})"
                raise GrammarError(f"{doc.path}: grammar not checked: {self.failed}") from None


def _died(launcher: ScriptServer | PythonServer, wait: float = 3.0) -> bool:
    """True when the server process has exited (given a moment to notice its Java child)."""
    import time

    deadline = time.monotonic() + wait
    while launcher.alive():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def _finding(doc: Document, match: dict[str, Any], start: int, end: int) -> Finding:
    rule_id = match["rule"]["id"]
    replacements = tuple(
        r["value"] for r in match.get("replacements", [])[:MAX_REPLACEMENTS] if "value" in r
    )
    return Finding(
        code=f"LT.{rule_id}",
        rule=rule_id.lower().replace("_", "-"),
        severity=severity_for(match),
        message=match.get("message", "") or match["rule"].get("description", rule_id),
        offset=start,
        length=end - start,
        text=doc.text[start:end],
        replacements=replacements,
        # LanguageTool's suggestions are guesses: never applied without --unsafe.
        applicability=Applicability.UNSAFE if replacements else Applicability.NONE,
    )
