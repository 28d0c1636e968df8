"""Start and restart the LanguageTool server yiwen owns (local mode), and count the starts."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from yiwen.errors import GrammarError

# Every server process yiwen started in this process, for the benchmark and the tests.
STARTS = {"count": 0}


class ScriptServer:
    """A server started by a command that prints its URL (scripts/languagetool-server).

    The command gets `--url-file FILE` and must write the server's URL there once the server
    answers; it runs in its own process group so stopping it stops the Java server with it.
    """

    def __init__(self, command: str, start_timeout: float = 180.0) -> None:
        self.command = shlex.split(command)
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self._log: Any = None

    def start(self) -> str:
        """Start the command and return the server's URL once it answers."""
        fd, url_file = tempfile.mkstemp(prefix="yiwen-lt-", suffix=".url")
        os.close(fd)
        os.unlink(url_file)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server
        try:
            self.process = subprocess.Popen(
                [*self.command, "--url-file", url_file],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                start_new_session=True,
            )
        except OSError as exc:
            raise GrammarError(
                f"cannot start LanguageTool with {self.command[0]}: {exc.strerror}"
            ) from None
        STARTS["count"] += 1
        deadline = time.monotonic() + self.start_timeout
        path = Path(url_file)
        while time.monotonic() < deadline:
            if path.is_file() and path.read_text().strip():
                self.url = path.read_text().strip()
                path.unlink()
                return self.url
            if self.process.poll() is not None:
                raise GrammarError(f"LanguageTool did not start: {self._last_log_line()}")
            time.sleep(0.1)
        self.stop()
        raise GrammarError(f"LanguageTool did not answer within {self.start_timeout:.0f} s")

    def alive(self) -> bool:
        """True while the server command is still running."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the server (SIGTERM to its process group, then SIGKILL after 10 s)."""
        proc, self.process = self.process, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None

    def _last_log_line(self) -> str:
        if self._log is None:
            return "no output"
        self._log.seek(0)
        lines = [ln for ln in self._log.read().decode("utf-8", "replace").splitlines() if ln]
        return lines[-1].removeprefix("languagetool-server: ") if lines else "no output"


class PythonServer:
    """A server that language-tool-python downloads (LanguageTool 6.8, once) and starts."""

    def __init__(self) -> None:
        self.tool: Any = None
        self.url = ""

    def start(self) -> str:
        """Check Java, let language-tool-python start LanguageTool, and return its URL."""
        problem = java_missing_message()
        if problem:
            raise GrammarError(
                f"LanguageTool needs Java 17 or newer ({problem}): install a JDK, or use "
                "--lt-server URL"
            )
        import language_tool_python
        import requests

        STARTS["count"] += 1
        try:
            self.tool = language_tool_python.LanguageTool("en-US")
        except requests.ConnectionError:
            raise GrammarError(
                "local LanguageTool is not installed and cannot be downloaded: language-tool-python "
                "needs the internet once to fetch it (or run scripts/languagetool-server and pass "
                "--lt-server URL)"
            ) from None
        except Exception as exc:  # the library raises its own errors and plain ones alike
            raise GrammarError(f"LanguageTool did not start: {exc}") from None
        self.url = self.tool.url.removesuffix("v2/")
        return self.url

    def alive(self) -> bool:
        """True while language-tool-python's server process runs."""
        server = getattr(self.tool, "_server", None)
        return server is not None and server.poll() is None

    def stop(self) -> None:
        """Stop the server language-tool-python started."""
        if self.tool is not None:
            self.tool.close()
            self.tool = None


def java_missing_message() -> str | None:
    """Return why Java cannot run LanguageTool here, or None when Java 17+ is on PATH."""
    from language_tool_python.download_lt import confirm_java_compatibility

    try:
        confirm_java_compatibility()
    except ModuleNotFoundError:
        return "no java on PATH"
    except (SystemError, ValueError, OSError, subprocess.CalledProcessError) as exc:
        return str(exc)
    return None
