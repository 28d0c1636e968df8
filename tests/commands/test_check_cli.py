"""`yiwen check` end to end: exit codes, bad input, output shapes."""

from __future__ import annotations

import json

import pytest


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


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b"  \n\n", "file is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (
            "latin.txt",
            "Caf\u00e9 \u00e0 la cr\u00e8me, na\u00efve \u00e9l\u00e8ve.".encode("latin-1") * 3,
            "name it with --encoding",
        ),
    ],
)
def test_bad_input_is_one_line_naming_the_file(cli, tmp_path, name, content, words):
    f = tmp_path / name
    f.write_bytes(content)
    r = cli("check", f)
    assert r.exit_code == 2, r.stdout
    assert r.stderr.count("\n") == 1 and str(f) in r.stderr and words in r.stderr
    assert "Traceback" not in r.stderr


def test_directory_is_one_line(cli, tmp_path):
    r = cli("check", tmp_path)
    assert r.exit_code == 2
    assert f"{tmp_path}: is a directory" in r.stderr


def test_wrong_encoding_flag(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("医院".encode())
    r = cli("check", f, "--encoding", "ascii")
    assert r.exit_code == 2 and "cannot be decoded as ascii" in r.stderr
    r = cli("check", f, "--encoding", "klingon")
    assert r.exit_code == 2 and "unknown encoding 'klingon'" in r.stderr


def test_gbk_file_is_read(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("上海市第一人民医院召开会议。。医生们出席了会议，并进行了交流。".encode("gbk"))
    r = cli("check", f, "--format", "json")
    data = json.loads(r.stdout)
    assert data["files"][0]["language"] == "zh"
    assert [x["code"] for x in data["files"][0]["findings"]] == ["Z002"]
