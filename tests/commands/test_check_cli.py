"""`yiwen check` end to end: exit codes, bad input, output shapes."""

from __future__ import annotations

import json


def test_doubled_word_found_and_exit_1(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The team will bring the the experience home.\n", encoding="utf-8")
    r = cli("check", f)
    assert r.exit_code == 1
    assert f"{f}:1:21 E001" in r.stdout
    assert "1 finding" in r.stdout


def test_clean_text_exits_0(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The hospital opened a new ward on Monday.\n", encoding="utf-8")
    r = cli("check", f)
    assert r.exit_code == 0, r.stdout
    assert "no problems found" in r.stdout


def test_json_contract(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# Title\n\nWe saw the the ward.\n", encoding="utf-8")
    r = cli("check", "--format", "json", f)
    data = json.loads(r.stdout)
    assert data["version"] == 1
    (finding,) = data["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 8, 15)
    assert finding["text"] == "the the"
    assert data["summary"] == {"files": 1, "findings": 1, "error": 1, "warning": 0, "info": 0}


def test_missing_file_is_one_line_exit_2(cli, tmp_path):
    r = cli("check", tmp_path / "nope.md")
    assert r.exit_code == 2
    assert r.stderr.strip().count("\n") == 0
    assert "nope.md: no such file" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_rule_code_exit_2(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Hello.\n", encoding="utf-8")
    r = cli("check", "--select", "Q999", f)
    assert r.exit_code == 2
    assert "unknown rule code 'Q999'" in r.stderr


def test_stdin(cli):
    r = cli("check", "-", stdin="It was the the best.\n")
    assert r.exit_code == 1
    assert "E001" in r.stdout
