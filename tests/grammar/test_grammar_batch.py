"""`yiwen batch check` with LanguageTool: one server for the whole batch, failures per file."""

from __future__ import annotations

import json
import os
import stat

import pytest

from .conftest import SCRIPT, _missing_tools

TEXT = "We bring the the experience to patients. He go to the clinic every week.\n"


def _tree(tmp_path, n: int):
    root = tmp_path / "articles"
    for i in range(n):
        (root / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 2}" / f"a{i}.md").write_text(TEXT, encoding="utf-8")
    return root


@pytest.mark.languagetool
def test_batch_with_two_workers_starts_exactly_one_server(cli, tmp_path, monkeypatch):
    problem = _missing_tools()
    if problem and os.environ.get("CI") != "true":
        pytest.skip(problem)
    # The server command is the project's script behind a wrapper that counts its starts, so
    # starts in any process (parent or worker) are counted.
    count = tmp_path / "starts"
    wrapper = tmp_path / "counted-server"
    wrapper.write_text(f'#!/bin/sh\necho start >> "{count}"\nexec "{SCRIPT}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "yiwen.toml").write_text(f'[languagetool]\nserver_command = "{wrapper}"\n')
    root = _tree(tmp_path, 8)
    monkeypatch.chdir(tmp_path)
    r = cli(
        "batch",
        "check",
        root,
        "-o",
        tmp_path / "out",
        "--jobs",
        "2",
        "--lt-mode",
        "local",
        "--format",
        "json",
        "--quiet",
    )
    assert r.exit_code == 1, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    per_file = {}
    for row in rows:
        per_file.setdefault(row["file"], set()).add(row["code"])
    assert len(per_file) == 8
    assert all({"E001", "LT.HE_VERB_AGR"} <= codes for codes in per_file.values())
    assert count.read_text().count("start") == 1


def test_batch_with_an_unreachable_server_stops_with_one_line_and_exit_3(cli, tmp_path):
    root = _tree(tmp_path, 3)
    r = cli(
        "batch",
        "check",
        root,
        "-o",
        tmp_path / "out",
        "--jobs",
        "2",
        "--lt-server",
        "http://127.0.0.1:9",
        "--quiet",
    )
    assert r.exit_code == 3, r.stdout + r.stderr
    assert "cannot reach the LanguageTool server at http://127.0.0.1:9" in r.stderr
    assert "Traceback" not in r.stderr
