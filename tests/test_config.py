"""yiwen.toml and [tool.yiwen]: house style, errors that name file:line, flags that override."""

from __future__ import annotations

import json

import pytest

from yiwen.config import Config, find_config, load_config
from yiwen.errors import ConfigError

DRAFT = "Dr Wang met the team.\n\nWe bring the the experience.\n"


def test_nearest_config_found_upward(tmp_path) -> None:
    (tmp_path / "yiwen.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "yiwen.toml"
    assert load_config(start=deep).fail_on == "info"
    assert Config().fail_on == "error"


def test_yiwen_toml_values(tmp_path) -> None:
    (tmp_path / "yiwen.toml").write_text(
        'select = ["E"]\nignore = ["E013"]\nhonorific = "Dr"\nzh_latin_spacing = "require"\n'
        'glossaries = ["g/hospital.toml"]\n[translate]\nengine = "libre"\n',
        encoding="utf-8",
    )
    c = load_config(start=tmp_path)
    assert (c.select, c.ignore, c.honorific, c.zh_latin_spacing) == (
        ("E",),
        ("E013",),
        "Dr",
        "require",
    )
    assert c.glossaries == (str((tmp_path / "g/hospital.toml").resolve()),)
    assert c.sections["translate"] == {"engine": "libre"}


def test_pyproject_tool_table(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.yiwen]\nfail_on = "warning"\n'
    )
    assert load_config(start=tmp_path).fail_on == "warning"


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ('select = ["E"]\nhonorific = 3\n', 2, "'honorific' must be a string"),
        ('fail_on = "fatal"\n', 1, "'fail_on' must be one of"),
        ('\n\ncolour = "red"\n', 3, "unknown setting 'colour'"),
        ('select = ["E"\n', 1, ""),
        ('page_furniture = "yes"\n', 1, "must be true or false"),
    ],
)
def test_malformed_config_names_file_and_line(tmp_path, content, line, words) -> None:
    f = tmp_path / "yiwen.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(f)
    assert str(exc.value).startswith(f"{f}:{line}:")
    assert words in str(exc.value)


def test_malformed_config_through_the_cli_is_one_line_exit_2(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "yiwen.toml").write_text('\nhonorific = "Mr"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check", "a.txt")
    assert r.exit_code == 2
    assert r.stderr.strip().endswith("'honorific' must be one of 'Dr.', 'Dr', not 'Mr'")
    assert "yiwen.toml:2:" in r.stderr and r.stderr.strip().count("\n") == 0


def test_config_select_and_flags_override(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "yiwen.toml").write_text('select = ["E001"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    codes = {
        f["code"]
        for f in json.loads(cli("check", "a.txt", "--format", "json").stdout)["files"][0][
            "findings"
        ]
    }
    assert codes == {"E001"}
    r = cli("check", "a.txt", "--format", "json", "--select", "E005")
    codes = {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert codes == {"E005"}  # the flag replaced the config's selection


def test_honorific_house_style_from_config(cli, tmp_path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("Dr. Wang met the team.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("check", "a.txt", "--select", "E005").exit_code == 0
    (tmp_path / "yiwen.toml").write_text('honorific = "Dr"\n', encoding="utf-8")
    r = cli("check", "a.txt", "--select", "E005", "--format", "json")
    (f,) = json.loads(r.stdout)["files"][0]["findings"]
    assert (f["text"], f["replacements"]) == ("Dr.", ["Dr"])


def test_explicit_missing_config_is_exit_2(cli, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    r = cli("check", tmp_path / "a.txt", "--config", tmp_path / "nope.toml")
    assert r.exit_code == 2 and "nope.toml: no such config file" in r.stderr
