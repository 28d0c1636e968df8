"""Golden test: an English article with planted name/title/term errors, and a clean one."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "glossary"
GLOSSARY = Path(__file__).resolve().parents[2] / "glossaries" / "shanghai-general-hospital.toml"

# (code, line, column, text, fix) — every planted error, in document order, checked by hand.
EXPECTED = [
    ("T004", 1, 29, "Director", "President"),
    ("T001", 3, 53, "Guoluo", "Golog"),
    ("N001", 5, 61, "Jing Qin", "Qin Jing"),
    ("N004", 7, 20, "Dr.Wang Ruitao", "Dr. Wang Ruitao"),
    ("N004", 7, 77, "Dr, Wang", "Dr. Wang"),
    ("T001", 7, 145, "Shanghai First People's Hospital", "Shanghai General Hospital"),
    ("N001", 9, 1, "Zhengjun Qiu", "Qiu Zhengjun"),
    ("N002", 9, 60, "Wangruitao", "Wang Ruitao"),
    ("N002", 9, 112, "Wang Rui-tao", "Wang Ruitao"),
    ("T001", 11, 69, "Osteopathy", "Orthopedics"),
    ("T004", 11, 105, "Deputy Chief Physician", "Associate Chief Physician"),
    ("T001", 11, 131, "Clinic Pharmacology", "Clinical Pharmacology"),
    ("T002", 11, 177, "Qinghai province", "Qinghai Province"),
    ("T001", 13, 35, "Health and Health Commission", "Health Commission"),
    (
        "T001",
        13,
        88,
        "National Health and Family Planning Commission",
        "National Health Commission",
    ),
    ("T003", 13, 162, "Party committee", "Party Committee"),
    ("N001", 15, 1, "Xingdong Zheng", "Zheng Xingdong"),
    ("N003", 15, 24, "WANG Ruitao", "Wang Ruitao"),
    ("N001", 15, 68, "Jing Shen", "Shen Jing"),
    ("N004", 15, 129, "Dr Wang", "Dr. Wang"),
]


def _check(cli, name):
    result = cli(
        "check", DATA / name, "--glossary", GLOSSARY, "--select", "N0", "--select", "T0",
        "--format", "json",
    )  # fmt: skip
    return result, json.loads(result.stdout)["files"][0]["findings"]


def test_planted_article(cli):
    result, findings = _check(cli, "planted-en.md")
    got = [
        (f["code"], f["line"], f["column"], f["text"], (f["replacements"] or [""])[0])
        for f in findings
    ]
    assert got == EXPECTED
    assert len(EXPECTED) >= 15
    assert result.exit_code == 1


def test_clean_article(cli):
    result, findings = _check(cli, "clean-en.md")
    assert findings == []
    assert result.exit_code == 0


def test_safe_fixes_converge():
    """Applying every safe N/T fix leaves only the findings a person must decide (unsafe)."""
    from yiwen.checking import Checker
    from yiwen.config import Config
    from yiwen.document import LoadOptions, apply_edits, load_document
    from yiwen.glossary import load_glossaries
    from yiwen.models import Fix

    g = load_glossaries([str(GLOSSARY)])
    checker = Checker(Config(select=("N0", "T0")), glossary=g)
    text = (DATA / "planted-en.md").read_text("utf-8")
    for _ in range(3):
        doc = load_document("planted-en.md", LoadOptions(), data=text.encode("utf-8"))
        safe = [f for f in checker.check_document(doc) if f.applicability.value == "safe"]
        if not safe:
            break
        text = apply_edits(text, [Fix(f.offset, f.length, f.replacements[0], f.code) for f in safe])
    doc = load_document("planted-en.md", LoadOptions(), data=text.encode("utf-8"))
    left = checker.check_document(doc)
    assert {f.code for f in left} == {"T003", "T004"}
    assert (
        "Dr. Wang Ruitao" in text and "Qin Jing, Secretary" in text and "Golog this month" in text
    )
