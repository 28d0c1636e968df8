"""The check pipeline's merging of findings from different rules."""

from __future__ import annotations

from yiwen.checking import dedupe
from yiwen.models import Applicability, Finding, Severity


def _f(code: str, offset: int, text: str, rep: str) -> Finding:
    return Finding(
        code, code.lower(), Severity.ERROR, "m", offset, len(text), text, (rep,), Applicability.SAFE
    )


def test_a_narrower_fix_that_the_wider_one_contains_is_dropped() -> None:
    narrow = _f("E003", 0, "Dr.Wang", "Dr. Wang")
    wide = _f("N004", 0, "Dr.Wang Ruitao", "Dr. Wang Ruitao")
    assert dedupe([narrow, wide]) == [wide]


def test_a_narrower_fix_that_disagrees_stays() -> None:
    narrow = _f("E003", 0, "Dr.Wang", "Dr. Wong")
    wide = _f("N004", 0, "Dr.Wang Ruitao", "Dr. Wang Ruitao")
    assert dedupe([wide, narrow]) == [narrow, wide]


def test_same_span_different_codes_both_stay_and_repeats_go() -> None:
    a = _f("E001", 4, "the the", "the")
    b = _f("LT.WORD_REPEAT", 4, "the the", "the")
    assert dedupe([a, b, a]) == [a, b]
