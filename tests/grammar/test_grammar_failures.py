"""Failures: restart after the server dies, timeouts, a broken or unreachable server, no Java."""

from __future__ import annotations

import os
import signal
import socket

import pytest

from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.grammar import make_backend

from .conftest import SCRIPT, _missing_tools


def _article(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _kill_java(backend) -> None:
    """Kill the Java server under the launcher's script, as a crash would."""
    import psutil

    script = psutil.Process(backend.launcher.process.pid)
    (java,) = [p for p in script.children(recursive=True) if "java" in p.name()]
    os.kill(java.pid, signal.SIGKILL)
    java.wait(10)


@pytest.mark.languagetool
def test_server_killed_mid_batch_is_restarted_once_then_files_get_grammar_error(tmp_path):
    problem = _missing_tools()
    if problem and os.environ.get("CI") != "true":
        pytest.skip(problem)
    text = "We bring the the experience to patients. He go to the clinic every week.\n"
    files = [_article(tmp_path, f"a{i}.md", text) for i in range(4)]
    config = Config(
        grammar="languagetool",
        lt_mode="local",
        sections={"languagetool": {"server_command": str(SCRIPT)}},
    )
    checker = make_checker(config)
    backend = checker.grammar
    try:
        codes = [f.code for f in checker.check_path(files[0]).findings]
        assert "LT.HE_VERB_AGR" in codes and "E001" in codes
        _kill_java(backend)
        codes = [f.code for f in checker.check_path(files[1]).findings]
        assert "LT.HE_VERB_AGR" in codes  # answered by the restarted server
        assert (backend.starts, backend.restarts) == (2, 1)
        _kill_java(backend)
        for path in files[2:]:
            codes = [f.code for f in checker.check_path(path).findings]
            assert codes == ["E001"]  # built-in findings still reported
        assert len(checker.grammar_errors) == 2
        assert all(
            "grammar not checked" in e and "after a restart" in e for e in checker.grammar_errors
        )
        assert checker.grammar_errors[0].startswith(files[2])
        assert backend.starts == 2  # no third start
    finally:
        backend.close()


def test_batch_reuses_one_backend(standin):
    config = Config(grammar="languagetool", lt_server=standin.url)
    assert make_backend(config) is make_backend(config)


def test_timed_out_request_is_retried_once(tmp_path, standin):
    standin.delay_first = 3.0
    config = Config(
        grammar="languagetool", lt_server=standin.url, sections={"languagetool": {"timeout": 0.5}}
    )
    checker = make_checker(config)
    report = checker.check_path(_article(tmp_path, "a.md", "He go to the clinic every week.\n"))
    assert [f.code for f in report.findings] == ["LT.HE_VERB_AGR"]
    assert len(standin.texts) == 2  # the first timed out, the retry answered


def test_broken_server_reports_builtin_findings_and_exits_3(cli, tmp_path, standin):
    standin.fail_checks = True
    path = _article(tmp_path, "a.md", "We bring the the experience. He go home.\n")
    result = cli("check", path, "--lt-server", standin.url)
    assert result.exit_code == 3
    assert "E001" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and path in lines[0] and "LanguageTool" in lines[0]


def test_unreachable_server_is_one_line_and_exit_3(cli, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    path = _article(tmp_path, "a.md", "He go home.\n")
    result = cli("check", path, "--lt-server", f"http://127.0.0.1:{port}")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port}" in lines[0] and "cannot reach" in lines[0]
    assert "Traceback" not in result.stderr


def test_local_mode_without_java_is_one_line_and_exit_3(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no java here
    path = _article(tmp_path, "a.md", "He go home.\n")
    result = cli("check", path, "--lt-mode", "local")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Java 17" in lines[0], result.stderr


def test_local_mode_without_internet_says_so(cli, tmp_path, monkeypatch):
    import requests

    if _missing_tools() and "java" in (_missing_tools() or ""):
        pytest.skip("needs java on PATH to get past the Java check")

    def offline(*args, **kwargs):
        raise requests.ConnectionError("no route to host (intercepted by the test)")

    # language-tool-python downloads LanguageTool with requests: no download may happen here.
    monkeypatch.setattr(requests, "get", offline)
    monkeypatch.setattr(requests.Session, "request", offline)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))  # no LanguageTool installed there
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    path = _article(tmp_path, "a.md", "He go home.\n")
    result = cli("check", path, "--lt-mode", "local")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "internet" in lines[0], result.stderr


def test_server_mode_without_url_is_a_clear_error(cli, tmp_path):
    path = _article(tmp_path, "a.md", "He go home.\n")
    result = cli("check", path, "--lt-mode", "server")
    assert result.exit_code == 3
    assert "--lt-server URL" in result.stderr
