"""Fixtures for the grammar tests: a real LanguageTool server, and a local stand-in API."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "languagetool-server"


def _missing_tools() -> str | None:
    if shutil.which("java") is None:
        return "java is not installed (LanguageTool needs Java 17+)"
    if (
        shutil.which("mvn") is None
        and not (ROOT / "tools/languagetool/target/lib/.resolved").exists()
    ):
        return "mvn is not installed (it resolves LanguageTool's jars)"
    return None


@pytest.fixture(scope="session")
def lt_url() -> Iterator[str]:
    """The URL of a real LanguageTool server: $YIWEN_LT_URL, else one started by the script.

    Without Java or Maven the tests that need it skip, except under CI=true, where they fail.
    """
    url = os.environ.get("YIWEN_LT_URL")
    if url:
        yield url.rstrip("/")
        return
    problem = _missing_tools()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs a real LanguageTool server: {problem}")
        pytest.skip(problem)
    from yiwen.grammar.server import ScriptServer

    server = ScriptServer(str(SCRIPT))
    try:
        yield server.start().rstrip("/")
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _fresh_backends() -> Iterator[None]:
    """Each test gets its own backend: the per-process cache must not leak between tests."""
    from yiwen.grammar import close_backends

    close_backends()
    yield
    close_backends()


@dataclass
class StandIn:
    """A local stand-in for LanguageTool's /v2 API that records what it was sent."""

    url: str
    texts: list[str] = field(default_factory=list)
    params: list[dict[str, str]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # the test's clock at each /v2/check
    clock: Callable[[], float] = lambda: 0.0
    delay_first: float = 0.0  # seconds to stall the first /v2/check (a timeout test)
    fail_checks: bool = False  # answer /v2/check with HTTP 500 (a broken server)


# The shape of /v2/check's answer, as the real LanguageTool 6.8 server returns it (see the
# match printed by scripts/languagetool-server's server for "He go to the hospital").
def _match(text: str, start: int, end: int) -> dict:
    u16 = len(text[:start].encode("utf-16-le")) // 2
    length = len(text[start:end].encode("utf-16-le")) // 2
    return {
        "message": "The pronoun ‘He’ is usually used with a third-person or a past tense verb.",
        "shortMessage": "Agreement error",
        "replacements": [{"value": "goes"}, {"value": "went"}],
        "offset": u16,
        "length": length,
        "context": {"text": text[:80], "offset": u16, "length": length},
        "sentence": text,
        "type": {"typeName": "Other"},
        "rule": {
            "id": "HE_VERB_AGR",
            "subId": "1",
            "description": "Agreement error",
            "issueType": "grammar",
            "category": {"id": "GRAMMAR", "name": "Grammar"},
        },
    }


@pytest.fixture
def standin() -> Iterator[StandIn]:
    """Serve /v2/languages and /v2/check on 127.0.0.1, flagging every "He go"."""
    state = StandIn(url="")
    lock = threading.Lock()
    first = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, code: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.startswith("/v2/languages"):
                self._send(200, [{"name": "English (US)", "code": "en", "longCode": "en-US"}])
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(size).decode()).items()}
            if not self.path.startswith("/v2/check"):
                self._send(404, {"error": "not found"})
                return
            with lock:
                state.texts.append(form.get("text", ""))
                state.params.append(form)
                state.times.append(state.clock())
            if state.delay_first and not first.is_set():
                first.set()
                threading.Event().wait(state.delay_first)
            if state.fail_checks:
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            text = form.get("text", "")
            matches = [
                _match(text, m.start(1), m.end(1)) for m in re.finditer(r"\bHe (go)\b", text)
            ]
            self._send(
                200, {"software": {"name": "LanguageTool", "version": "6.8"}, "matches": matches}
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
