"""LanguageTool grammar checks (findings LT.<RULE_ID>): one backend per process, reused by a batch.

Modes: `server` (--lt-server URL, a server the user runs), `local` (yiwen starts one: through
language-tool-python, or the command in `[languagetool] server_command`), `public` (the public API,
rate-limited). `make_backend(config)` returns the cached backend for those settings.
"""

from __future__ import annotations

import atexit
import threading
from typing import TYPE_CHECKING

from yiwen.config import Config

if TYPE_CHECKING:
    from yiwen.grammar.backend import LanguageToolBackend, Settings

_BACKENDS: dict[Settings, LanguageToolBackend] = {}
_LOCK = threading.Lock()


def make_backend(config: Config) -> LanguageToolBackend:
    """Return this process's LanguageTool backend for `config`, starting it on first use."""
    from yiwen.grammar.backend import LanguageToolBackend, settings_from

    settings = settings_from(config)
    with _LOCK:
        backend = _BACKENDS.get(settings)
        if backend is None or backend.failed:
            if backend is not None:
                backend.close()
            backend = LanguageToolBackend(settings)
            _BACKENDS[settings] = backend
        return backend


@atexit.register
def close_backends() -> None:
    """Stop every server and worker pool this process started."""
    with _LOCK:
        for backend in _BACKENDS.values():
            backend.close()
        _BACKENDS.clear()
