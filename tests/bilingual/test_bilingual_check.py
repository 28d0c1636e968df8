"""`yiwen check DRAFT --source SRC` end to end on pairs written for these tests."""

from __future__ import annotations

import json
from collections import Counter

from tests.conftest import DATA, GLOSSARIES

PAIR = DATA / "bilingual"
GLOSSARY = str(GLOSSARIES / "shanghai-general-hospital.toml")

# Every error planted in draft-planted.en.md, as (code, line, text the finding points at).
PLANTED = [
    ("B003", 1, "Shanghai First People's Hospital"),
    ("B005", 3, "10:00 a.m."),
    ("B005", 3, "July 21, 2022"),
    ("B006", 3, "礼堂"),
    ("B003", 3, "Xingdong Zheng"),
    ("B004", 3, "Hongyi Liu"),
    ("B002", 5, None),
    ("B003", 7, None),  # Golog missing ("Guoluo" is written instead)
    ("B005", 7, "second"),
    ("B005", 7, "two"),
    ("B003", 9, None),  # National Health Commission missing
    ("B005", 9, "3,500"),
    ("B005", 9, "13 percent"),
    ("B005", 11, "12"),
    ("B003", 11, "Osteopathy"),
    ("B005", 13, "three"),
    ("B004", 13, "Lihua Shan"),
    ("B001", 13, ""),
    ("B006", 15, "欢送会"),
    ("B004", 15, "Yongjian Xu"),
]


def _findings(cli, draft: str, source: str, *extra: str) -> list[dict]:
    r = cli(
        "check",
        PAIR / draft,
        "--source",
        PAIR / source,
        "-g",
        GLOSSARY,
        "--select",
        "B",
        "--format",
        "json",
        *extra,
    )
    assert r.exit_code in (0, 1), r.stderr
    return json.loads(r.stdout)["files"][0]["findings"]


def test_planted_pair_finds_every_error_and_nothing_else(cli) -> None:
    found = _findings(cli, "draft-planted.en.md", "source.zh.md")
    assert len(PLANTED) >= 20
    got = Counter((f["code"], f["line"]) for f in found)
    want = Counter((code, line) for code, line, _ in PLANTED)
    assert got == want
    for code, line, text in PLANTED:
        if text is not None:
            assert any(
                f["code"] == code and f["line"] == line and f["text"] == text for f in found
            ), (code, line, text)


def test_clean_pair_yields_nothing(cli) -> None:
    assert _findings(cli, "draft-clean.en.md", "source.zh.md") == []


def test_json_source_object_points_at_the_source_sentence(cli) -> None:
    found = _findings(cli, "draft-planted.en.md", "source.zh.md")
    f = next(f for f in found if f["code"] == "B005" and f["text"] == "12")
    src = f["source"]
    assert src["path"].endswith("source.zh.md")
    assert src["line"] == 9 and src["column"] == 1
    assert "一百二十" in src["text"]
    assert "the source says 120" in f["message"]


def test_text_output_shows_the_source_sentence(cli) -> None:
    r = cli(
        "check",
        PAIR / "draft-planted.en.md",
        "--source",
        PAIR / "source.zh.md",
        "-g",
        GLOSSARY,
        "--select",
        "B005",
    )
    assert r.exit_code == 1
    assert "source: " in r.stdout and "普外科团队过去一年完成手术一百二十台" in r.stdout


def test_english_source_chinese_draft(cli) -> None:
    found = _findings(cli, "draft-planted.zh.md", "source.en.md")
    codes = {(f["code"], f["line"]) for f in found}
    assert ("B005", 3) in codes  # 2022 vs 2023
    assert ("B003", 3) in codes  # 郑兴东 missing
    assert ("B007", 5) in codes  # "percent" left in English
    assert not any(f["code"] == "B005" and "第一" in f["message"] for f in found)


def test_name_and_term_fixes_are_safe(cli, tmp_path) -> None:
    found = _findings(cli, "draft-planted.en.md", "source.zh.md")
    fixes = {f["text"]: (f["replacements"], f["applicability"]) for f in found if f["replacements"]}
    assert fixes["Hongyi Liu"] == (["Liu Hongyi"], "safe")
    assert fixes["Xingdong Zheng"] == (["Zheng Xingdong"], "safe")
    assert fixes["Osteopathy"] == (["Orthopedics"], "safe")


def test_missing_source_is_one_line_exit_2(cli, tmp_path) -> None:
    r = cli("check", PAIR / "draft-clean.en.md", "--source", tmp_path / "nope.md")
    assert r.exit_code == 2
    assert "nope.md: no such file" in r.stderr
    assert "Traceback" not in r.stderr


def test_fix_with_source_applies_name_and_term_fixes(cli, tmp_path) -> None:
    out = tmp_path / "fixed.en.md"
    r = cli(
        "fix",
        PAIR / "draft-planted.en.md",
        "--source",
        PAIR / "source.zh.md",
        "-g",
        GLOSSARY,
        "--select",
        "B",
        "-o",
        out,
    )
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    for right, wrong in [
        ("Liu Hongyi", "Hongyi Liu"),
        ("Shan Lihua", "Lihua Shan"),
        ("Orthopedics team", "Osteopathy"),
        ("Zheng Xingdong and", "Xingdong Zheng"),
    ]:
        assert right in text and wrong not in text
    assert "3,500" in text  # a number mismatch has no safe fix: it stays for a person


def test_markup_lost_between_markdown_files(cli, tmp_path) -> None:
    src = tmp_path / "a.zh.md"
    src.write_text(
        "# 通知\n\n详情请见[医院官网](https://example.org)，或拨打**热线**。\n", encoding="utf-8"
    )
    good = tmp_path / "good.en.md"
    good.write_text(
        "# Notice\n\nSee the [hospital website](https://example.org) or call the **hotline**.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.en.md"
    bad.write_text(
        "# Notice\n\nSee the hospital website or call the **hotline**.\n", encoding="utf-8"
    )
    ok = cli("check", good, "--source", src, "--select", "B008")
    assert ok.exit_code == 0, ok.stdout
    r = cli("check", bad, "--source", src, "--select", "B008", "--format", "json")
    (f,) = json.loads(r.stdout)["files"][0]["findings"]
    assert f["code"] == "B008" and "1 link, the draft 0" in f["message"]
    assert f["line"] == 3


def test_missing_value_is_reported_on_the_aligned_sentence(cli, tmp_path) -> None:
    src = tmp_path / "a.zh.md"
    src.write_text(
        "医院今年培训护士45名。新病区共有床位120张，由国家卫生健康委员会验收。团队将于7月出发。\n",
        encoding="utf-8",
    )
    draft = tmp_path / "a.en.md"
    draft.write_text(
        "The hospital trained 45 nurses this year. The new ward has many beds and was inspected "
        "by the health authorities. The team leaves in July.\n",
        encoding="utf-8",
    )
    r = cli("check", draft, "--source", src, "-g", GLOSSARY, "--select", "B", "--format", "json")
    found = json.loads(r.stdout)["files"][0]["findings"]
    second = "The new ward has many beds and was inspected by the health authorities."
    missing = [f for f in found if f["code"] == "B003" or "no such value" in f["message"]]
    assert {f["text"] for f in missing} == {second}
    assert {f["code"] for f in missing} == {"B003", "B005"}
