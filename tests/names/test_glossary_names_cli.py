"""`yiwen glossary names FILE`: the translator's checklist of people in a Chinese article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLE = """我院召开援青干部座谈会

7月21日，医院党委书记秦净、院长郑兴东、普外科主任邱正军出席会议。护士长单丽华和欧阳文教授也参加了。

会上，秦净对援青工作表示肯定。
"""

GLOSSARY = """
[glossary]
name = "Test"
name_order = "{order}"

[[person]]
zh = "郑兴东"
family = "Zheng"
given = "Xingdong"

[[person]]
family = "Qin"
given = "Jing"
"""


@pytest.fixture
def files(tmp_path: Path):
    art = tmp_path / "article.zh.txt"
    art.write_text(ARTICLE, encoding="utf-8")

    def glossary(order: str) -> Path:
        g = tmp_path / f"{order}.toml"
        g.write_text(GLOSSARY.format(order=order), encoding="utf-8")
        return g

    return art, glossary


def test_json_lists_people_with_glossary_status(cli, files) -> None:
    art, glossary = files
    r = cli("glossary", "names", art, "--glossary", glossary("family-given"), "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    people = {p["zh"]: p for p in data["people"]}
    assert list(people) == ["秦净", "郑兴东", "邱正军", "单丽华", "欧阳文"]
    assert people["郑兴东"]["known"] == "yes"
    assert people["郑兴东"]["canonical"] == "Zheng Xingdong"
    assert people["秦净"]["known"] == "pinyin"  # listed without characters
    assert people["秦净"]["count"] == 2
    assert people["单丽华"] == {
        "zh": "单丽华",
        "family": "Shan",
        "given": "Lihua",
        "english": "Shan Lihua",
        "known": "no",
        "canonical": "",
        "line": 3,
        "column": people["单丽华"]["column"],
        "count": 1,
    }
    col = people["单丽华"]["column"]
    assert ARTICLE.splitlines()[2][col - 1 : col + 2] == "单丽华"


def test_text_table_in_given_family_order(cli, files) -> None:
    art, glossary = files
    r = cli("glossary", "names", art, "--glossary", glossary("given-family"))
    assert r.exit_code == 0, r.stderr
    assert "5 people" in r.stdout
    for cell in ("Xingdong Zheng", "Wen Ouyang", "Lihua Shan", "欧阳文", "3:"):
        assert cell in r.stdout
    assert "Zheng Xingdong" not in r.stdout


def test_bad_inputs(cli, files, tmp_path: Path) -> None:
    art, glossary = files
    r = cli("glossary", "names", tmp_path / "missing.txt", "--glossary", glossary("family-given"))
    assert r.exit_code == 2 and "missing.txt" in r.stderr and "Traceback" not in r.stderr
    en = tmp_path / "en.txt"
    en.write_text("Only English here.\n", encoding="utf-8")
    r = cli("glossary", "names", en, "--glossary", glossary("family-given"))
    assert r.exit_code == 2 and "no Chinese text" in r.stderr
    r = cli("glossary", "names", art, "--glossary", glossary("family-given"), "--format", "xml")
    assert r.exit_code == 2 and "--format" in r.stderr
