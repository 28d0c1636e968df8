"""Clean hospital-news prose must yield no E or Z finding; a dirty article yields exactly its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import load_document
from yiwen.models import Finding

DATA = Path(__file__).resolve().parents[1] / "data" / "rules"


def check_file(path: Path, **config) -> list[Finding]:
    """Run every E and Z rule on one file; every span must match its text."""
    doc = load_document(str(path))
    findings = make_checker(Config(select=("E", "Z"), **config)).check_document(doc)
    for f in findings:
        assert doc.text[f.offset : f.offset + f.length] == f.text
    return findings


@pytest.mark.parametrize("name", ["clean-en.txt", "clean-en.md", "clean-zh.txt"])
def test_clean_news_prose_has_no_findings(name: str) -> None:
    found = check_file(DATA / name)
    assert [(f.code, f.text, f.message) for f in found] == []


def test_clean_corpus_is_big_enough() -> None:
    en = (DATA / "clean-en.txt").read_text("utf-8") + (DATA / "clean-en.md").read_text("utf-8")
    zh = (DATA / "clean-zh.txt").read_text("utf-8")
    assert sum(en.count(m) for m in (". ", ".\n", '."', ".”")) >= 30
    assert sum(zh.count(m) for m in "。！？") >= 20


def test_clean_chinese_with_forbidden_spacing_is_still_clean() -> None:
    # The clean article writes Chinese and Latin/digits without spaces, so "forbid" finds nothing.
    assert check_file(DATA / "clean-zh.txt", zh_latin_spacing="forbid") == []


def test_clean_chinese_with_required_spacing_flags_every_join() -> None:
    found = check_file(DATA / "clean-zh.txt", zh_latin_spacing="require")
    assert {f.code for f in found} == {"Z004"}
    assert "2023" in {f.text for f in found}


def test_dirty_article_yields_exactly_its_errors() -> None:
    found = [(f.code, f.text, f.replacements[0]) for f in check_file(DATA / "dirty-en.txt")]
    assert found == [
        ("E015", "• News", ""),
        ("E015", "Link of the original article: https://mp.example.org/s/AbC123", ""),
        ("E003", "Dr.Li", "Dr. Li"),
        ("E006", " ", ""),
        ("E012", "22th", "22nd"),
        ("E002", ".", ". "),
        ("E001", "the the", "the"),
        ("E013", "The", "the"),
        ("E008", "，", ", "),
        ("E014", "an hospital", "a hospital"),
        ("E004", "Dr, Zheng", "Dr. Zheng"),
        ("E014", "a hour-long", "an hour-long"),
        ("E007", "  ", " "),
        ("E015", "Find a Doctor", ""),
    ]


_ALPHABET = (
    "abcAhn the Dr Prof Ms 0123456789 .,;:!?'\"“”‘’()[]{}-—…\n\t  "
    "，。、；：！？（）《》「」『』【】　ＡＣ２医院王瑞涛说https://x.org/a"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_any_text_gives_valid_spans(text: str) -> None:
    """No E/Z rule raises on arbitrary text, and every span lies inside it (checked in the helper)."""
    if not text.strip():
        return
    for config in (
        Config(select=("E", "Z")),
        Config(select=("E", "Z"), zh_latin_spacing="require", honorific="Dr"),
    ):
        doc = load_document("any.txt", data=text.encode("utf-8"))
        for f in make_checker(config).check_document(doc):
            assert 0 <= f.offset <= f.offset + f.length <= len(doc.text)
            assert doc.text[f.offset : f.end] == f.text
