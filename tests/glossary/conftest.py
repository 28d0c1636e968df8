"""Fixtures for the glossary tests: a small glossary and a way to check a text with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from yiwen.checking import Checker
from yiwen.config import Config
from yiwen.document import LoadOptions, load_document
from yiwen.glossary import Glossary, load_glossaries

SMALL = """\
[glossary]
name = "Test Hospital"
name_order = "family-given"
honorifics = ["Dr.", "Prof."]

[[person]]
zh = "王瑞涛"
family = "Wang"
given = "Ruitao"

[[person]]
family = "Shen"
given = "Jing"

[[person]]
family = "Wang"
given = "Fu"

[[person]]
zh = "王建国"
family = "Wang"
given = "Jianguo"
en = "Jack Wang"

[[term]]
zh = "骨科"
en = "Orthopedics"
kind = "department"
avoid = ["Osteopathy"]

[[term]]
zh = "院长"
en = "President"
kind = "title"
also = ["Director", "Dean"]
scope = ["organization"]

[[term]]
zh = "主任"
en = "Director"
kind = "title"
scope = ["department"]

[[term]]
zh = "执行主任"
en = "Executive Director"
kind = "title"

[[term]]
zh = "党委"
en = "Party Committee"
kind = "other"

[[term]]
zh = "青海省"
en = "Qinghai Province"
kind = "place"

[[term]]
zh = "上海市第一人民医院"
en = "Shanghai General Hospital"
kind = "organization"
avoid = ["Shanghai First People's Hospital"]

[[term]]
en = "General Surgery Center"
kind = "department"

[[term]]
zh = "内科"
en = "Internal Medicine"
kind = "department"

[[term]]
zh = "神经内科"
en = "Neurology"
kind = "department"
"""


def small_glossary(tmp_path: Path, text: str = SMALL, name_order: str | None = None) -> Glossary:
    """Write `text` as a glossary file under tmp_path and load it."""
    path = tmp_path / "g.toml"
    path.write_text(text, "utf-8")
    return load_glossaries([str(path)], name_order=name_order)


def check(text: str, glossary: Glossary, select: tuple[str, ...] = ("N", "T"), **config):
    """Check an English `text` with the glossary; return the findings of the selected rules."""
    doc = load_document("draft.txt", LoadOptions(), data=text.encode("utf-8"))
    checker = Checker(Config(select=select, **config), glossary=glossary)
    return checker.check_document(doc)


def brief(findings) -> list[tuple[str, str, str]]:
    """Return (code, text, first replacement) of each finding."""
    return [(f.code, f.text, f.replacements[0] if f.replacements else "") for f in findings]


@pytest.fixture
def gloss(tmp_path: Path) -> Glossary:
    """The small test glossary (family-given)."""
    return small_glossary(tmp_path)


@pytest.fixture
def make_glossary(tmp_path: Path):
    """Return make(text=SMALL, name_order=None) -> Glossary."""

    def make(text: str = SMALL, name_order: str | None = None) -> Glossary:
        return small_glossary(tmp_path, text, name_order)

    return make


@pytest.fixture
def run_check():
    """Return check(text, glossary, select=("N", "T"), **config) -> findings."""
    return check


@pytest.fixture
def short():
    """Return brief(findings) -> [(code, text, replacement)]."""
    return brief


@pytest.fixture
def small_text() -> str:
    """The small test glossary's TOML text."""
    return SMALL
